// The failure field of a batch answer read only to be logged: by `if`s whose branches only log, or inside a
// log line itself (`console.log('published successfully', { failedEntryCount: res.FailedEntryCount })`).
// Either way the function goes on as if every entry had been written. rules/partialBatch.ts reports it.
import { contains, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';

/** `JSON.stringify(x)`, `String(x)`: formats a value for the log line and does nothing else. */
const pureFormat = (call: Node): boolean =>
  /^(JSON\.stringify|String)$/.test(memberPath(call.callee)?.join('.') ?? '');

/**
 * Every read of the failure field (`field`, matched on the source) in `scope` sits in an `if` that only
 * logs (no throw, retry, return or record of the entries, no else) or in a log statement, and at least one
 * read is there: nothing acts on the failed entries.
 * @example
 * // const res = await client.send(cmd); console.log('sent', { failed: res.FailedEntryCount })
 * onlyLogged(ctx, fnBody, /\bres\s*(\?\.|\.)\s*FailedEntryCount\b/) // true
 */
export function onlyLogged(ctx: ModuleContext, scope: Node, field: RegExp): boolean {
  const all = new RegExp(field.source, 'g');
  const count = (from: number, to: number) => ctx.source.slice(from, to).match(all)?.length ?? 0;
  const branches: Node[] = [];
  let seen = 0;
  let acts = false;
  someDescendant(
    scope,
    (n) => {
      if (n.type !== 'IfStatement' || !field.test(ctx.source.slice(n.test.start, n.test.end))) return false;
      branches.push(n);
      seen += count(n.start, n.end);
      const c = n.consequent as Node;
      const statements = c.type === 'BlockStatement' ? (c.body as Node[]) : [c];
      if (n.alternate != null || !statements.every((s) => isLogCall(s))) acts = true;
      return false;
    },
    true,
  );
  // A log line outside those `if`s that prints the field: the answer was looked at only to be printed.
  someDescendant(
    scope,
    (n) => {
      if (n.type !== 'ExpressionStatement' || !isLogCall(n)) return false;
      if (branches.some((b) => contains(b, n))) return false;
      // A call inside the log line (`log('resent', await resend(out.UnprocessedKeys))`) may act on the entries.
      const e = unwrap(n.expression);
      const logCall = e?.type === 'AwaitExpression' ? unwrap(e.argument) : e;
      if (someDescendant(logCall, (d) => d.type === 'CallExpression' && !pureFormat(d))) return false;
      seen += count(n.start, n.end);
      return false;
    },
    true,
  );
  return seen > 0 && !acts && seen === count(scope.start, scope.end);
}
