// A record's promise that ends in `.catch(cb)` whose callback parks the record on a dead-letter or retry
// queue (`index(item).catch((e) => deadLetters.put({ item, error: e.message }))`): the promise-chain form of
// a try whose catch parks (batchOwnAnswers.ts). Such a promise rejects only when the park itself fails, so
// one record's failure neither fails the batch nor rejects a `Promise.all` over the records, and the failed
// record is kept for a replay. Followed through functions of the module (a fan-out callback handing the
// record to `syncRecord(r)`, a catch handing the error to `deadLetter(item, e)`), two calls deep. The park
// must carry the record (heldRecord.ts): an alert sent with the error alone drops the record.
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap, wrap } from '../ast.js';
import { carries, type HeldRecord, handedTo, heldInside, recordParams } from '../heldRecord.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayThrow, throwingDecoder } from '../mayThrow.js';
import { settledValue } from '../settledValue.js';
import { isLogCall } from './catchFacts.js';
import { PARK_CALL } from './parkCalls.js';

/** How many functions of the module are followed from a callback or a catch callback. */
const DEPTH = 2;

/**
 * The function `node` is or names in this module: an inline callback, or `.catch(deadLetter)`, which is
 * written outside the record's scope and handed the error only, so it never parks (heldInside).
 */
function functionAt(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const v = ctx.valueOf(node);
  return isFunction(v) ? v : undefined;
}

/**
 * A rejection the function hands back on purpose: a throw, or `Promise.reject(...)`, also in a callback it
 * chains (`deadLetters.put(r).then(() => Promise.reject(e))` rejects after parking).
 */
function rejects(body: Node): boolean {
  return someDescendant(
    wrap(body),
    (n) =>
      n.type === 'ThrowStatement' ||
      (n.type === 'CallExpression' && memberPath(n.callee)?.join('.') === 'Promise.reject'),
  );
}

/**
 * The call sends to a queue or stream that parks (PARK_CALL): by its callee (`deadLetterQueue.put(m)`,
 * `sqs.sendMessage(p)`), or by the command it sends (`sqs.send(new SendMessageCommand(...))`).
 */
function parkingCall(ctx: ModuleContext, call: Node): boolean {
  const callee = call.callee as Node;
  if (PARK_CALL.test(ctx.source.slice(callee.start, callee.end))) return true;
  return (call.arguments as Node[]).some((a) => {
    const v = unwrap(a);
    const name = v?.type === 'NewExpression' ? (unwrap(v.callee)?.name as string | undefined) : undefined;
    return name !== undefined && PARK_CALL.test(name);
  });
}

/**
 * The catch callback parks the record and never rejects again: a parking call in its body whose arguments
 * carry the record (`record`), or a function of the module it hands the record to that parks it. A log
 * line naming a dead-letter queue is no park, nor is a send of the error alone (an alert).
 */
function parks(ctx: ModuleContext, fn: Node, depth: number, record: HeldRecord): boolean {
  const body = fn.body as Node;
  if (rejects(body)) return false;
  const held = heldInside(ctx, fn, record);
  if (held.names.size === 0) return false;
  return someDescendant(
    wrap(body),
    (n) => {
      if (n.type !== 'CallExpression' || isLogCall(n)) return false;
      const args = n.arguments as Node[];
      if (!args.some((a) => carries(ctx, a, held.names))) return false;
      if (parkingCall(ctx, n)) return true;
      const own = depth < DEPTH ? ctx.functionOf(n.callee as Node) : undefined;
      return own !== undefined && own !== fn && parks(ctx, own, depth + 1, handedTo(ctx, own, args, held));
    },
    true,
  );
}

/**
 * The expression answers a parked promise: `work.catch(park)` (whatever it chains before the catch), or
 * a call to a function of the module whose every answer is one (answersParked).
 */
function parkedAnswer(
  ctx: ModuleContext,
  node: Node | undefined,
  depth: number,
  record: HeldRecord,
): boolean {
  let n = unwrap(node);
  if (n?.type === 'AwaitExpression') n = unwrap(n.argument as Node);
  if (n?.type !== 'CallExpression') return false;
  if (calleeName(n) === 'catch') {
    if (mayThrow(ctx, unwrap(n.callee)?.object as Node, 'known')) return false;
    const handler = functionAt(ctx, (n.arguments as Node[])[0]);
    return handler !== undefined && parks(ctx, handler, 0, record);
  }
  const own = depth < DEPTH ? ctx.functionOf(n.callee as Node) : undefined;
  return (
    own !== undefined && answersParked(ctx, own, depth + 1, handedTo(ctx, own, n.arguments as Node[], record))
  );
}

/**
 * Every promise the function awaits or answers is parked, and some is: an expression body answering one,
 * or a block whose awaits and returns are parked promises or plain values (`if (!item) return
 * Promise.resolve();`). A write awaited or returned without its parking catch may reject. `record`: the
 * names holding the record in `fn`.
 */
function answersParked(ctx: ModuleContext, fn: Node, depth: number, record: HeldRecord): boolean {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return parkedAnswer(ctx, body, depth, record);
  if (mayThrow(ctx, body, 'known')) return false;
  let parked = 0;
  const loose = someDescendant(
    body,
    (n) => {
      if (n.type === 'AwaitExpression') {
        if (!parkedAnswer(ctx, n, depth, record)) return true;
        parked++;
        return false;
      }
      if (n.type !== 'ReturnStatement' || n.argument == null) return false;
      if (parkedAnswer(ctx, n.argument as Node, depth, record)) parked++;
      else if (!settledValue(n.argument as Node)) return true;
      return false;
    },
    true,
  );
  return !loose && parked > 0;
}

/**
 * The fan-out callback's promise for a record (its first parameter) is parked on failure (a `.catch` whose
 * callback parks that record, or a value derived from it, on a dead-letter or retry queue): it cannot reject
 * the `Promise.all` (or Bluebird `Promise.map`) it is handed to.
 * @example
 * parksRecordPromise(ctx, cb) // true for `(r) => index(r).catch((e) => deadLetters.put({ r, error: e.message }))`
 */
export function parksRecordPromise(ctx: ModuleContext, cb: Node): boolean {
  return isFunction(cb) && answersParked(ctx, cb, 0, recordParams(ctx, cb, [0]));
}

/** The callbacks of the handler's fan-outs: `Promise.all(xs.map(cb))`, Bluebird's `Promise.map(xs, cb)`. */
function fanOutCallbacks(ctx: ModuleContext, fn: Node): { call: Node; cb: Node | undefined }[] {
  const out: { call: Node; cb: Node | undefined }[] = [];
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const path = memberPath(n.callee)?.join('.');
      const args = n.arguments as Node[];
      if (path === 'Promise.all') {
        const mapped = ctx.valueOf(args[0]);
        if (mapped?.type === 'CallExpression' && calleeName(mapped) === 'map')
          out.push({ call: n, cb: functionAt(ctx, (mapped.arguments as Node[])[0]) });
      } else if (calleeName(n) === 'map' && ctx.importRoot(n.callee)?.source === 'bluebird')
        out.push({ call: n, cb: functionAt(ctx, args[1]) });
      return false;
    },
    true,
  );
  return out;
}

/**
 * A `.then(cb)` of the handler that does more than answer its callback or log (`.then(() => notify())`):
 * work after the fan-out that may fail the whole batch.
 */
function worksAfter(fn: Node): boolean {
  const callback = (fn.params as Node[])[2];
  const answer = callback?.type === 'Identifier' ? (callback.name as string) : undefined;
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'CallExpression' &&
      calleeName(n) === 'then' &&
      (n.arguments as Node[]).some(
        (a) =>
          !isFunction(a) ||
          someDescendant(
            wrap(a.body as Node),
            (m) =>
              m.type === 'CallExpression' &&
              !isLogCall(m) &&
              !(answer !== undefined && unwrap(m.callee)?.name === answer),
          ),
      ),
    true,
  );
}

/**
 * The handler settles each record's failure by parking it in a promise chain: it fans its records out
 * (`Promise.all(records.map(cb))`, Bluebird's `Promise.map(records, cb)`) through callbacks whose promises
 * all park on failure, awaits nothing else, and does no work after the fan-out but answer its callback or
 * log. Its batch fails only when a park fails.
 * @example
 * parksEachRecordPromise(ctx, fn) // true for `(event, context, cb) => Promise.map(event.Records, syncRecord).then(() => cb(null))`
 */
export function parksEachRecordPromise(ctx: ModuleContext, fn: Node): boolean {
  const fans = fanOutCallbacks(ctx, fn);
  if (fans.length === 0 || !fans.every((f) => f.cb !== undefined && parksRecordPromise(ctx, f.cb)))
    return false;
  const awaitsOther = someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'AwaitExpression' &&
      !fans.some((f) => (n.argument as Node).start <= f.call.start && f.call.end <= (n.argument as Node).end),
    true,
  );
  // A throw in the handler, or a decoder outside the parked callbacks (`event.Records.map((r) =>
  // JSON.parse(r.body))` before the fan-out), fails the whole batch whatever the callbacks park.
  const inCallback = (n: Node) =>
    fans.some((f) => f.cb !== undefined && f.cb.start <= n.start && n.end <= f.cb.end);
  const failsBatch = someDescendant(
    fn.body as Node,
    (n) =>
      !inCallback(n) && (n.type === 'ThrowStatement' || (n.type === 'CallExpression' && throwingDecoder(n))),
  );
  return !awaitsOther && !failsBatch && !worksAfter(fn);
}
