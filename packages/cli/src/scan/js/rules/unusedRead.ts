// swallowed-error: a catch that only logs around a read whose answer nothing uses (`let wallet; try {
// wallet = await getWallet(id); log(wallet) } catch (e) { log(e) }`, and `wallet` is never read again).
// The failed read loses nothing: no write was attempted and no later step waits on the answer, so the
// work goes on exactly as it would have on success. A write's answer left unused is not this: its failure
// is the work lost, so only calls named as reads count.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Binding } from '../moduleIndex.js';
import { isLogCall } from './catchFacts.js';

/** Call names that fetch data and change nothing (`getRecord`, `queryEntity`, `fetchWallet`). */
const READ_NAME = /^(get|fetch|query|list|read|find|describe|load|search|lookup|retrieve)[A-Z_]?/;

/** `x = await read(...)` (or without `await`): the assigned name when the call is named as a read. */
function readInto(statement: Node): Node | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const assignment = unwrap(statement.expression);
  if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=') return undefined;
  if (assignment.left?.type !== 'Identifier') return undefined;
  let value = unwrap(assignment.right);
  if (value?.type === 'AwaitExpression') value = unwrap(value.argument);
  if (value?.type !== 'CallExpression') return undefined;
  return READ_NAME.test(calleeName(value) ?? '') ? (assignment.left as Node) : undefined;
}

/**
 * The try only reads into local names (besides log lines) and the function mentions none of those names
 * outside the try but for declaring it: the answer is unused, so its failure loses nothing.
 *
 * @example
 * unusedRead(ctx, tryNode) // let task; try { task = await getRecord(t, k); log(task) } catch (e) { log(e) } -> true
 */
export function unusedRead(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = tryStatement.block as Node;
  const bindings = new Set<Binding>();
  for (const statement of block.body as Node[]) {
    const name = readInto(statement);
    const binding = name === undefined ? undefined : ctx.resolve(name.name as string, name);
    if (binding !== undefined && binding.kind !== 'param') bindings.add(binding);
    else if (!isLogCall(statement)) return false;
  }
  if (bindings.size === 0) return false;
  const names = new Set([...bindings].map((b) => b.name));
  const fn = ctx.enclosingFunction(tryStatement);
  const scope = (fn?.body as Node | undefined) ?? ctx.program;
  return !someDescendant(scope, (n) => {
    if (n.type !== 'Identifier' || !names.has(n.name as string)) return false;
    if (n.start >= block.start && n.end <= block.end) return false;
    const parent = ctx.parentOf(n);
    // The declaration (`let task;`, `let task: Task | null = null`) is no use.
    if (parent?.type === 'VariableDeclarator' && parent.id === n) return false;
    // A property key of the same spelling (`{ task: 1 }`, `x.task`) is another thing.
    if (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true)
      return false;
    if (parent?.type === 'Property' && parent.key === n && parent.shorthand !== true) return false;
    // Another variable of the same name (a later block's own `let wallet`) is another thing.
    const binding = ctx.resolve(n.name as string, n);
    return binding === undefined || bindings.has(binding);
  });
}
