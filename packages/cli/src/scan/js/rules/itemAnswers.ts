// A per-record callback that answers each record's failure itself: every call it awaits hands back an
// outcome value (`{ status: 'failure', reason }`, `{ ok: false }`) that it tests, and it answers the failed
// record as `{ itemIdentifier }` for the handler's batchItemFailures. Such a callback settles instead of
// rejecting, so a Promise.all over it loses no outcome (promise-all-no-partial).
import { type Node, objectProps, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The fields an outcome value is tested on: `r.status === 'success'`, `!r.ok`, `r.success`. */
const OUTCOME_FIELD = /^(status|ok|success)$/;

/** Is `name`'s outcome field read in the test of some `if` of `body`? */
function outcomeTested(body: Node, name: string): boolean {
  return someDescendant(
    body,
    (n) =>
      n.type === 'IfStatement' &&
      someDescendant(n.test as Node, (m) => {
        const member = unwrap(m);
        return (
          member?.type === 'MemberExpression' &&
          !member.computed &&
          unwrap(member.object)?.name === name &&
          OUTCOME_FIELD.test((member.property?.name as string | undefined) ?? '')
        );
      }),
    true,
  );
}

/**
 * The callback returns `{ itemIdentifier }` for a failed record, and every call it awaits is kept in a
 * const whose outcome field an `if` tests (`const stored = await archive(...); if (stored.status ===
 * 'success') return undefined;`): the calls answer failures as values, and the callback names the record.
 */
export function answersFailedItems(ctx: ModuleContext, cb: Node): boolean {
  const body = cb.body as Node;
  if (body?.type !== 'BlockStatement') return false;
  const names = someDescendant(
    body,
    (n) =>
      n.type === 'ReturnStatement' &&
      objectProps(ctx.valueOf(n.argument as Node))?.props.has('itemIdentifier') === true,
    true,
  );
  if (!names) return false;
  let awaits = 0;
  const unchecked = someDescendant(
    body,
    (n) => {
      if (n.type !== 'AwaitExpression') return false;
      awaits++;
      const holder = ctx.parentOf(n);
      const id = holder?.type === 'VariableDeclarator' ? unwrap(holder.id as Node) : undefined;
      return id?.type !== 'Identifier' || !outcomeTested(body, id.name as string);
    },
    true,
  );
  return awaits > 0 && !unchecked;
}
