// A consumer that pulls its message from a queue helper (`const m = await queue.receive()`) and, when the
// work fails (in a catch, or a branch taken on a bad answer), sends what it read back through the same
// helper (`await queue.send([m.id])`). That is a retry by re-enqueueing: each re-send is a new message
// received once, so the queue's maxReceiveCount never counts it, and with no attempt count written into
// the message nothing ever gives up on an item that can never succeed (rules/retryRepublish.ts judges the
// re-sends that do carry a count).
import { type Node, propertyName, rootIdentifier, someDescendant, unwrap } from '../ast.js';
import { derivedNames } from '../heldRecord.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';

/** A helper's receiving method: `receive`, `receiveMessage`, `poll`. */
const RECEIVES = /^(?:receive\w*|poll)$/;
/** A helper's sending method: `send`, `sendMessage`, `enqueue`, `push`. */
const SENDS = /^(?:send\w*|enqueue|push)$/;
/** A name that counts attempts: a count compared, or carried by the re-send. */
const COUNTS = /attempt|retr(?:y|ies)|tries|receiveCount/i;

/** `queue.receive()` -> `['queue', 'receive']`, for a call on a plain name. */
function onName(call: Node): { receiver: string; method: string } | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || callee.computed) return undefined;
  const object = unwrap(callee.object as Node);
  const property = callee.property as Node;
  if (object?.type !== 'Identifier' || property?.type !== 'Identifier') return undefined;
  return { receiver: object.name as string, method: property.name as string };
}

/**
 * The names in `fn`, its callbacks included, worked out from `start` (`const body = JSON.parse(m.Body);
 * const { id } = body`): any mention of a name so far counts, an id read (`m.id`) too, since a re-send of the
 * message's id is the re-send this rule looks for.
 */
function workedOutFrom(fn: Node, start: string): Set<string> {
  return derivedNames(
    fn,
    [start],
    (init, names) =>
      someDescendant(init, (n) => n.type === 'Identifier' && names.has(n.name as string), true) ||
      (unwrap(init)?.type === 'Identifier' && names.has(unwrap(init)?.name as string)),
    true,
  );
}

/** A test that holds when the work failed: `!res.ok`, `status !== 200`, `status >= 400`, `res.error`. */
const FAILED =
  /^!.*(?:\bok\b|success|status|valid)|\b(?:err(?:or)?s?|fail\w*|invalid|reject\w*)\b|status\w*\s*(?:!==?|>=?\s*[3-5]\d\d|===?\s*[3-5]\d\d)|\bok\s*===?\s*false/i;
/** A test that holds when the work succeeded, so its `else` is the failure branch. */
const SUCCEEDED = /\.ok\b|\bsuccess\w*|status\w*\s*===?\s*2\d\d/i;

/**
 * Whether `node` sits in a catch clause's body or in a branch taken on a bad answer below `fn`. Any other
 * branch (`if (page.nextCursor) queue.send(...)`, a continuation) is not a failure path.
 */
function onFailurePath(ctx: ModuleContext, node: Node, fn: Node): boolean {
  for (let c: Node = node, p = ctx.parentOf(node); p !== undefined && c !== fn; c = p, p = ctx.parentOf(p)) {
    if (p.type === 'CatchClause') return true;
    if (p.type !== 'IfStatement') continue;
    const test = ctx.source.slice(p.test.start, p.test.end).trim();
    if (p.consequent === c && FAILED.test(test)) return true;
    if (p.alternate === c && !test.startsWith('!') && SUCCEEDED.test(test)) return true;
  }
  return false;
}

/** The text of the `QueueUrl` a raw SQS call names (`sqs.receiveMessage({ QueueUrl: URL })`), if any. */
function queueUrlOf(ctx: ModuleContext, call: Node): string | undefined {
  const arg = unwrap((call.arguments as Node[])[0]);
  if (arg?.type !== 'ObjectExpression') return undefined;
  for (const prop of arg.properties as Node[])
    if (prop.type === 'Property' && propertyName(prop.key as Node) === 'QueueUrl')
      return ctx.source.slice(prop.value.start, prop.value.end);
  return undefined;
}

/** Whether the function compares an attempt count, or the re-send carries one. */
function counts(fn: Node, send: Node): boolean {
  const named = (n: Node) =>
    (n.type === 'Identifier' && COUNTS.test(n.name as string)) ||
    someDescendant(n, (x) => x.type === 'Identifier' && COUNTS.test(x.name as string), true);
  if ((send.arguments as Node[]).some(named)) return true;
  return someDescendant(
    fn,
    (n) =>
      n.type === 'BinaryExpression' &&
      /^(?:[<>]=?|[!=]==?)$/.test(n.operator as string) &&
      (named(n.left as Node) || named(n.right as Node)),
  );
}

/**
 * Re-sends, through the helper a message was received from, of what that message carried, on a failure
 * path, in a function that counts no attempts.
 *
 * @example
 * requeueSites(ctx) // const m = await q.receive(); try { ... } catch { await q.send([JSON.parse(m.Body).id]) } -> [site]
 */
export function requeueSites(ctx: ModuleContext): RetrySite[] {
  if (!ctx.spells('receive') || !ctx.spells('catch')) return [];
  const sites: RetrySite[] = [];
  for (const call of ctx.of('CallExpression')) {
    const received = onName(call);
    if (received === undefined || !RECEIVES.test(received.method)) continue;
    const { parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    const held = parent?.type === 'VariableDeclarator' ? unwrap(parent.id as Node) : undefined;
    const fn = ctx.enclosingFunction(call);
    if (held?.type !== 'Identifier' || fn === undefined) continue;
    // A raw client names its queue in each call: only a send to the same QueueUrl is a re-send (a DLQ or
    // parking queue through the same client is the bounded shape). A helper's receive() names none.
    const queue = queueUrlOf(ctx, call);
    if ((call.arguments as Node[]).length > 0 && queue === undefined) continue;
    const derived = workedOutFrom(fn, held.name as string);
    someDescendant(
      fn.body as Node,
      (n) => {
        if (n.type !== 'CallExpression') return false;
        const sent = onName(n);
        if (sent?.receiver !== received.receiver || !SENDS.test(sent.method)) return false;
        if (queue !== undefined && queueUrlOf(ctx, n) !== queue) return false;
        // Names only, and only compared or carried: a comment that says "retry", or an unused
        // `maxRetries`, counts nothing.
        if (counts(fn, n)) return false;
        const carries = (n.arguments as Node[]).some((a) => {
          const root = rootIdentifier(a);
          return (
            (root !== undefined && derived.has(root)) ||
            someDescendant(a, (x) => x.type === 'Identifier' && derived.has(x.name as string), true)
          );
        });
        if (carries && onFailurePath(ctx, n, fn))
          sites.push({
            node: n,
            label: 'a received message sent back to its queue',
            unbounded: `on failure the consumer sends what it received back through ${received.receiver}.${sent.method}() with no attempt count: each re-send is a new message, so the queue's maxReceiveCount never stops it, and an item that can never succeed goes round for ever`,
            noBreaker: true,
          });
        return false;
      },
      true,
    );
  }
  return sites;
}
