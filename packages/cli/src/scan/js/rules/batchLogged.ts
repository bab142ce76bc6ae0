// The failure field of a batch answer read only to be logged: by `if`s whose branches only log, or inside a
// log line itself (`console.log('published successfully', { failedEntryCount: res.FailedEntryCount })`).
// Either way the function goes on as if every entry had been written. rules/partialBatch.ts reports it.
import { contains, type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { everyLaterReference, printedReference } from './batchResultUse.js';
import { isLogCall } from './catchFacts.js';

/**
 * Every read of the failure field (`field`, matched on the source) in `scope` sits in an `if` that only
 * logs (no throw, retry, return or record of the entries, no else), and at least one read is there; or,
 * given the variable the answer is kept in (`answer`, `after` the send), every later reference to it is in
 * such an `if` or printed by a log line (batchResultUse.ts printedReference). Any other read of the answer
 * (`res.Entries` checked per entry, `return res`) may act on the failed entries.
 * @example
 * // const res = await client.send(cmd); console.log('sent', { failed: res.FailedEntryCount })
 * onlyLogged(ctx, fnBody, /\bres\s*(\?\.|\.)\s*FailedEntryCount\b/, { name: 'res', after }) // true
 */
export function onlyLogged(
  ctx: ModuleContext,
  scope: Node,
  field: RegExp,
  answer?: { name: string; after: number },
): boolean {
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
  if (acts) return false;
  if (seen > 0 && seen === count(scope.start, scope.end)) return true;
  // A log line outside those `if`s prints the field: only when nothing else reads the answer at all.
  if (answer === undefined) return false;
  return everyLaterReference(
    scope,
    answer.name,
    answer.after,
    (r) => branches.some((b) => contains(b, r)) || printedReference(ctx, scope, r),
  );
}

/**
 * Where a batch answer's failures, judged only logged by {@link onlyLogged}, are looked at and let go: the
 * first `if` after the send (`after`) whose test reads the failure field, `if (result.Failed?.length)`. That
 * test is the line to change (resend or throw there), and the line a reader points at; the send above it,
 * where the scan used to report, is where the entries went out, not where their failure was dropped
 * (r58 anchor: a SendMessageBatch's `Failed`, a BatchGet's `UnprocessedKeys` and a BatchWrite's
 * `UnprocessedItems` tested several lines below their send). Undefined when no `if` reads it: the field
 * is only printed inside a log line, which stays reported at the send.
 * @example
 * // const r = await sqs.send(cmd);\n\n if (r.Failed?.length) console.error(r.Failed)
 * loggedTestAt(ctx, fnBody, /\br\s*(\?\.|\.)\s*Failed\b/, { at: command, after, name: 'r' }) // the `if`
 */
export function loggedTestAt(
  ctx: ModuleContext,
  scope: Node,
  field: RegExp,
  sent: { at: Node; after: number; name: string },
): Node | undefined {
  const after = sent.after;
  let first: Node | undefined;
  someDescendant(
    scope,
    (n) => {
      if (n.type !== 'IfStatement' || n.start < after) return false;
      if (!field.test(ctx.source.slice(n.test.start, n.test.end))) return false;
      // The test must read the answer's own binding: for `const { Failed } = ...` the field regex is the
      // bare word, which `job.status === 'Failed'` or `JobStatus.Failed` also spell.
      if (!readsName(ctx, n.test as Node, sent.name)) return false;
      if (first === undefined || n.start < first.start) first = n;
      return false;
    },
    true,
  );
  if (first !== undefined) SENT_AT.set(first, sent.at);
  return first;
}

/** Does `test` reference `name` as a variable (not a member's property, an object key or a string)? */
function readsName(ctx: ModuleContext, test: Node, name: string): boolean {
  return someDescendant({ type: 'Wrap', start: test.start, end: test.end, test } as Node, (n) => {
    if (n.type !== 'Identifier' || n.name !== name) return false;
    const p = ctx.parentOf(n);
    if (p?.type === 'MemberExpression' && p.property === n && !p.computed) return false;
    return !(p?.type === 'Property' && p.key === n && !p.shorthand);
  });
}

/** An anchor {@link loggedTestAt} chose -> the send it stands for. */
const SENT_AT = new WeakMap<Node, Node>();

/**
 * The send a finding reported at a failure test stands for (the node itself for any other): the checks
 * that clear a job re-selecting its own work (catchAfter.ts recordsSuccessAfter, batchMovedAfter.ts
 * deletedAfterMove) read the command and what follows the send, not the test.
 */
export const sendOfAnchor = (node: Node): Node => SENT_AT.get(node) ?? node;

/**
 * The lines of a send whose finding is reported at its test (loggedTestAt): the command's and the
 * statement's that keeps the answer. An ignore directive there, where the finding used to be, still
 * silences it (scan.ts ignoredBy, Candidate.ignoredAlsoAt).
 */
export const sendLines = (ctx: ModuleContext, at: Node, kept: Node | undefined): number[] => {
  const statement = kept === undefined ? at : (ctx.parentOf(kept) ?? kept);
  return [...new Set([ctx.position(at.start).line, ctx.position(statement.start).line])];
};
