// swallowed-error: a module-local helper's try defers to its callers' catch (catchAfter.ts
// feedsOnlyBestEffort) when the helper hands what it read back to them: their catch judges the work that
// answer feeds. A try that hands nothing back (writes awaited as statements: a delete, an update) and a
// catch that only logs end the failure inside the helper, which then goes on to its next step. The
// caller's catch never sees that failure, so it cannot be where the failure is judged: the try is its own
// lost step, one per try when a helper runs several in a row.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A write by name: `deleteItem`, `putObject`, `new UpdateItemCommand`, `batchWrite`. */
export const WRITE_NAME =
  /^(put|delete|del|update|insert|upsert|remove|write|create|publish|batchWrite|transactWrite|destroy|purge|save|increment|decrement|append|enqueue|send(Message|Email|Notification)|set[A-Z])/;
/** A write in SQL text: `'DELETE FROM sessions ...'`. */
const WRITE_SQL = /\b(DELETE|UPDATE|INSERT|UPSERT|MERGE|REPLACE)\b/;

/** Names declared inside `block` (its `const`/`let`, functions' parameters), which do not leave it. */
function declaredIn(block: Node): Set<string> {
  const names = new Set<string>();
  someDescendant(
    block,
    (n) => {
      if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier') names.add(n.id.name as string);
      return false;
    },
    true,
  );
  return names;
}

/** The target of an assignment, reduced to the name it writes through (`a.b[c] = ...` -> `a`). */
function rootName(target: Node | undefined): string | undefined {
  let at = unwrap(target);
  while (at?.type === 'MemberExpression') at = unwrap(at.object);
  if (at?.type === 'ThisExpression') return 'this';
  return at?.type === 'Identifier' ? (at.name as string) : undefined;
}

/** An awaited call of the try block writes: by its method's or command's name, or its SQL text. */
function awaitsWrite(ctx: ModuleContext, block: Node): boolean {
  return someDescendant(
    block,
    (n) =>
      n.type === 'AwaitExpression' &&
      someDescendant(n, (c) => {
        if (c.type === 'CallExpression' && WRITE_NAME.test(calleeName(c) ?? '')) return true;
        if (c.type === 'NewExpression' && WRITE_NAME.test(lowerFirst(calleeName(c) ?? ''))) return true;
        return (
          (c.type === 'Literal' || c.type === 'TemplateLiteral') &&
          WRITE_SQL.test(ctx.source.slice(c.start, c.end))
        );
      }),
    true,
  );
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A statement after the try in its block runs another step (a call, an await). */
function stepAfter(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = ctx.parentOf(tryStatement);
  const siblings = (block?.type === 'BlockStatement' ? block.body : []) as Node[];
  return siblings
    .slice(siblings.indexOf(tryStatement) + 1)
    .some((s) => someDescendant(s, (n) => n.type === 'CallExpression' || n.type === 'AwaitExpression'));
}

/**
 * A helper's try whose failure ends inside it: the try hands nothing back and awaits a write, and the
 * helper goes on to another step after it, so its caller never sees the failure.
 *
 * @example
 * endsInHelper(ctx, tryStatement) // try { await db.query('DELETE FROM sessions ...') } catch (e) { log(e) } await next() -> true
 */
export function endsInHelper(ctx: ModuleContext, tryStatement: Node): boolean {
  return (
    handsNothingBack(tryStatement) &&
    awaitsWrite(ctx, tryStatement.block as Node) &&
    stepAfter(ctx, tryStatement)
  );
}

/**
 * The try block (`tryStatement.block`) hands no value out of it: no `return` of its function, no
 * assignment to or `push` onto a name declared outside it, no `this` field written; and it awaits some
 * call. Its work is only done, never answered, so a failure a catch ends there reaches no caller.
 *
 * @example
 * handsNothingBack(tryStatement) // try { await db.query('DELETE FROM sessions WHERE id = $1', [id]) } -> true
 */
export function handsNothingBack(tryStatement: Node): boolean {
  const block = tryStatement.block as Node;
  const local = declaredIn(block);
  let awaits = false;
  const leaks = someDescendant(
    block,
    (n) => {
      if (n.type === 'AwaitExpression') awaits = true;
      if (n.type === 'ReturnStatement' || n.type === 'YieldExpression') return true;
      if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
        const name = rootName(n.type === 'AssignmentExpression' ? n.left : n.argument);
        return name === undefined || !local.has(name);
      }
      if (n.type === 'CallExpression') {
        const callee = unwrap(n.callee);
        if (callee?.type !== 'MemberExpression') return false;
        const method = callee.property?.name as string | undefined;
        if (method !== 'push' && method !== 'set' && method !== 'add' && method !== 'unshift') return false;
        const name = rootName(callee.object);
        return name === undefined || !local.has(name);
      }
      return false;
    },
    // Work inside a callback defined here (`items.map(async (i) => ...)`) answers that callback.
    true,
  );
  return awaits && !leaks;
}
