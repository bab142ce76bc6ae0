// swallowed-error: a catch that only logs, after which the code reads a property of the variable its try
// would have set (`let response; try { response = await kms.send(cmd) } catch (e) { log(e) }` then
// `Buffer.from(response.Plaintext)`). The variable is still undefined, so that read throws a TypeError:
// the failure surfaces there (with a worse message), and nothing passes for success.
import { forEachDescendant, isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { LOOP_STATEMENTS as LOOPS } from '../retryLoop.js';

/** Statements or expressions under which a read may not run: the read is then no certain failure. */
const MAYBE = new Set([
  'IfStatement',
  'ConditionalExpression',
  'LogicalExpression',
  'SwitchStatement',
  'ForStatement',
  'ForOfStatement',
  'ForInStatement',
  'WhileStatement',
  'DoWhileStatement',
  'TryStatement',
  'ChainExpression',
]);

/**
 * The part of a loop that always runs once: a `for`'s init and first test (`for (let i = 0; i <
 * voters.length; i++)`), the list a `for...of`/`for...in` walks (`for (const v of voters.Items)`).
 */
function loopHeader(loop: Node, child: Node): boolean {
  if (loop.type === 'ForStatement') return child === loop.init || child === loop.test;
  return (loop.type === 'ForOfStatement' || loop.type === 'ForInStatement') && child === loop.right;
}

/** `null` or `undefined`: a declaration that leaves the variable empty. */
export function isNullish(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (n?.type === 'Literal' && n.value === null) || (n?.type === 'Identifier' && n.name === 'undefined');
}

/**
 * A loop around the try that the variable is declared outside of: from the second pass on, the variable
 * still holds the last pass's value, so the read after a failure takes stale data and does not throw.
 * With `check`, only a loop that also holds the check counts (a check after the loop runs once, at its end).
 */
export function loopBetween(
  ctx: ModuleContext,
  tryStatement: Node,
  declaration: Node,
  check?: Node,
): boolean {
  for (let n = ctx.parentOf(tryStatement); n !== undefined; n = ctx.parentOf(n)) {
    if (
      (n.start as number) <= (declaration.start as number) &&
      (declaration.end as number) <= (n.end as number)
    )
      return false;
    if (LOOPS.has(n.type) && (check === undefined || (check.start >= n.start && check.end <= n.end)))
      return true;
  }
  return false;
}

/** Variables declared before the try, left without a value (`let response;`), that the try assigns. */
function assignedInTry(ctx: ModuleContext, tryStatement: Node): string[] {
  const names = new Set<string>();
  forEachDescendant(
    tryStatement.block as Node,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=') return true;
      const left = unwrap(n.left as Node);
      if (left?.type !== 'Identifier') return true;
      const binding = ctx.resolve(left.name as string, left);
      if (
        binding !== undefined &&
        (binding.kind === 'let' || binding.kind === 'var') &&
        (binding.declaration.end as number) < (tryStatement.start as number) &&
        (binding.init === undefined || isNullish(binding.init)) &&
        !loopBetween(ctx, tryStatement, binding.declaration)
      )
        names.add(left.name as string);
      return true;
    },
    true,
  );
  return [...names];
}

const exits = (n: Node | null | undefined): boolean =>
  n != null &&
  (n.type === 'ThrowStatement' ||
    n.type === 'ReturnStatement' ||
    n.type === 'ContinueStatement' ||
    n.type === 'BreakStatement' ||
    (n.type === 'BlockStatement' && (n.body as Node[]).some((s) => exits(s))));

/** The first reference to `name` in `root` (source order, outside nested functions). */
function firstReference(root: Node, name: string): Node | undefined {
  let first: Node | undefined;
  forEachDescendant(
    root,
    (n) => {
      if (n.type === 'Identifier' && n.name === name && (first === undefined || n.start < first.start))
        first = n;
      return true;
    },
    true,
  );
  return first;
}

/**
 * True when the next use of a variable the try sets, in the statements after the try, reads a property
 * of it unconditionally (`response.Plaintext`, not `response?.Plaintext`): the undefined the catch left
 * throws there. An `if` on the variable that only logs is passed over; one that exits decides instead.
 */
export function dereferencedAfter(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = ctx.parentOf(tryStatement);
  if (block?.type !== 'BlockStatement') return false;
  const names = assignedInTry(ctx, tryStatement);
  if (names.length === 0) return false;
  const after = (block.body as Node[]).slice((block.body as Node[]).indexOf(tryStatement) + 1);
  return names.some((name) => {
    for (const statement of after) {
      const ref = firstReference(statement, name);
      if (ref === undefined) {
        if (exits(statement)) return false;
        continue;
      }
      // `if (!response?.Plaintext) { log(...) }`: a test whose branch only logs lets the code go on.
      if (statement.type === 'IfStatement' && firstReference(statement.test as Node, name) !== undefined) {
        if (exits(statement.consequent as Node) || exits(statement.alternate as Node | null)) return false;
        continue;
      }
      const parent = ctx.parentOf(ref);
      if (parent?.type !== 'MemberExpression' || parent.object !== ref || parent.optional === true)
        return false;
      let child: Node = parent;
      for (let n = ctx.parentOf(parent); n !== undefined && n !== statement; child = n, n = ctx.parentOf(n))
        if ((MAYBE.has(n.type) && !loopHeader(n, child)) || isFunction(n)) return false;
      return !MAYBE.has(statement.type) || loopHeader(statement, child);
    }
    return false;
  });
}
