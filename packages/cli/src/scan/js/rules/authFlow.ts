// Where a catch that answers nothing itself lets the function go on: an empty or log-only catch around a
// verifier falls through to the code after the try, and what that code answers is the catch's answer.
// `try { return allow(await verifier.verify(t)) } catch {} return deny` denies on a JWKS outage just as
// `catch { return deny }` does; `try { return row.id } catch (e) { log(e) } return null` answers null.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';

/** A catch with no statement but logging: it neither answers nor rethrows. */
export function onlyLogs(handler: Node): boolean {
  return ((handler.body as Node).body as Node[]).every((s) => isLogCall(s) || s.type === 'EmptyStatement');
}

/** The try block answers by itself on success (a `return` outside nested functions). */
export function returnsOnSuccess(tryStatement: Node): boolean {
  return someDescendant(tryStatement.block, (n) => n.type === 'ReturnStatement', true);
}

/** Names the try block assigns or declares (`payload = await verify(t)`, `const claims = ...`). */
function assignedIn(block: Node): Set<string> {
  const names = new Set<string>();
  someDescendant(
    block,
    (n) => {
      const target =
        n.type === 'AssignmentExpression'
          ? unwrap(n.left)
          : n.type === 'VariableDeclarator'
            ? n.id
            : undefined;
      if (target?.type === 'Identifier') names.add(target.name as string);
      return false;
    },
    true,
  );
  return names;
}

/** Does the exit read a value the try block was to set (`return policy(principalId, effect, arn)`)? */
export function readsTrySet(tryStatement: Node, exit: Node): boolean {
  const set = assignedIn(tryStatement.block as Node);
  return set.size > 0 && reads(exit, set);
}

/** Does the test read one of these names? */
function reads(test: Node, names: ReadonlySet<string>): boolean {
  return someDescendant(
    { type: 'Test', start: test.start, end: test.end, test } as Node,
    (m) => m.type === 'Identifier' && names.has(m.name as string),
  );
}

/**
 * What the function does after the try when its catch falls through: the first `return`/`throw` reached at
 * the try's own level (climbing out of `if` blocks that end without one), or an `if` on a value the try
 * was to set (`if (!payload) return deny`). `end` is the function's end with no return: undefined comes back.
 * Other statements (logging, a second verifier's own try) are passed over.
 */
export function fallThrough(
  ctx: ModuleContext,
  tryStatement: Node,
): { kind: 'exit'; node: Node } | { kind: 'test'; node: Node } | { kind: 'end' } | undefined {
  const set = assignedIn(tryStatement.block as Node);
  let stmt = tryStatement;
  for (let depth = 0; depth < 4; depth++) {
    const block = ctx.parentOf(stmt);
    if (block?.type !== 'BlockStatement') return undefined;
    const body = block.body as Node[];
    for (const s of body.slice(body.indexOf(stmt) + 1)) {
      if (s.type === 'ReturnStatement' || s.type === 'ThrowStatement') return { kind: 'exit', node: s };
      if (s.type === 'IfStatement' && set.size > 0 && reads(s.test as Node, set))
        return { kind: 'test', node: s };
    }
    const owner = ctx.parentOf(block);
    if (owner !== undefined && isFunction(owner)) return { kind: 'end' };
    // Out of an `if` block that ended without answering: on to what follows the `if`.
    if (owner?.type !== 'IfStatement') return undefined;
    stmt = owner;
  }
  return undefined;
}
