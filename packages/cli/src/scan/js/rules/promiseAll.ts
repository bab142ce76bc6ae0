// promise-all-no-partial: `Promise.all` over a batch's records in a handler rejects on the first failure
// and forgets the other outcomes, so records that succeeded are redelivered and done again.
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { asyncJobModule, onJobPath, sendsPerItem } from './asyncFanOut.js';
import { batchList, RECORDS } from './batchLists.js';
import { guarded } from './callbackGuards.js';
import { delegatesToCatchAll } from './delegatedCatchAll.js';
import { gatheredFanOut } from './gatheredFanOut.js';
import { readName } from './ioVerbs.js';
import { answersFailedItems } from './itemAnswers.js';
import { exportNamesOf } from './lambda.js';
import { answersSettlingPromise } from './onlyResolves.js';
import { returnsTheFailure } from './queueErrorValues.js';
import type { Report } from './Report.js';
import { readsByArguments } from './readOnlyTry.js';
import { parksRecordPromise } from './recordCatchParks.js';

/**
 * Every awaited call of the callback only reads (`await checkCooldown(msg)`, `send(new GetItemCommand(...))`),
 * or the one call an expression body returns does (`(id) => getDevicesForUser(id)`):
 * a rejection fails the batch before anything was done, and a redelivery repeats only reads.
 */
function onlyReads(ctx: ModuleContext, cb: Node, depth = 0): boolean {
  // An expression body returns its one call's promise unawaited (`(id) => getDevicesForUser(id)`).
  const returned = cb.body?.type === 'BlockStatement' ? undefined : unwrap(cb.body as Node);
  if (returned?.type === 'CallExpression') return readsOnly(ctx, returned, depth);
  let calls = 0;
  const writes = someDescendant(
    cb.body as Node,
    (n) => {
      if (n.type !== 'AwaitExpression') return false;
      const call = unwrap(n.argument);
      if (call?.type !== 'CallExpression') return true;
      calls++;
      return !readsOnly(ctx, call, depth);
    },
    true,
  );
  return !writes && calls > 0;
}

/**
 * A function of the module is judged by its body, whatever its name (`loadBib` that may also mirror what it
 * loaded writes; `recordFromMessage` that only fetches reads); any other call by its name.
 */
function readsOnly(ctx: ModuleContext, call: Node, depth: number): boolean {
  const local = ctx.functionOf(call.callee as Node);
  const body = local?.body as Node | undefined;
  // One that calls nothing it waits for (`async function checkQuota(id) { return id.length > 0; }`): its name.
  const calls =
    body?.type === 'BlockStatement'
      ? someDescendant(body, (n) => n.type === 'AwaitExpression', true)
      : unwrap(body)?.type === 'CallExpression';
  if (local !== undefined && calls) return depth < 3 && onlyReads(ctx, local, depth + 1);
  return readCall(ctx, call);
}

/** Reading a response's body (`got.get(url).json()`, `(await fetch(url)).text()` is no call of its own). */
const BODY_READS = new Set(['json', 'text', 'buffer', 'arrayBuffer', 'blob']);

/** A call named for a read, or an SDK `send` of a read command (`send(new GetItemCommand(...))`). */
function readCall(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call) ?? '';
  const callee = unwrap(call.callee);
  // The response read may be chained (`got.get(url).json()`) or held (`const res = await fetch(url)`).
  let inner = callee?.type === 'MemberExpression' ? unwrap(ctx.valueOf(callee.object as Node)) : undefined;
  if (inner?.type === 'AwaitExpression') inner = unwrap(inner.argument as Node);
  if (BODY_READS.has(name) && inner?.type === 'CallExpression') return readCall(ctx, inner);
  const sent = name === 'send' ? ctx.valueOf(call.arguments[0]) : undefined;
  if (sent?.type === 'NewExpression') return readName((unwrap(sent.callee)?.name as string) ?? '');
  // A read by name that its arguments may make a write: `pool.query(text)` of an INSERT built elsewhere, a
  // `fetch` with a POST (readOnlyTry.ts judges them the same way for swallowed-error).
  return readName(name) && readsByArguments(ctx, name, call);
}

/**
 * The callback answers its calls' failures as values (`if (isLeft(found)) return found;`, `if (!r.ok)
 * return r`): the functions it calls catch and answer Lefts, so its promise settles with the failure in
 * it instead of rejecting. Whether the handler then reads those values is judged as swallowed-error.
 */
function answersErrorValues(cb: Node): boolean {
  return someDescendant(cb.body as Node, (n) => returnsTheFailure(n) !== undefined, true);
}

/** The handler function around `node`, and the names it is exported under. */
function handlerAround(ctx: ModuleContext, node: Node): { fn: Node; names: string[] } | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n))
    if (ctx.handlers.has(n)) return { fn: n, names: exportNamesOf(ctx, n) };
  return undefined;
}

/**
 * SNS invokes a function with one record per event, and so does an S3 notification (its `Records` holds
 * the one object that changed): a Promise.all over it settles one record.
 */
// `record.Sns` read as a member or destructured from the record (`({ Sns: { Message } }) =>`).
const ONE_RECORD_EVENT = /\bSNSEvent\b|\.Sns\b|[{,]\s*Sns\s*[:,}]|\bS3Event\b(?!Record)|\bS3Handler\b/;

/**
 * The collection and per-item callback of a fan-out that rejects on the first failure:
 * `Promise.all(records.map(cb))`, or a concurrency-limited map that does the same (p-map's `pMap(records,
 * cb, { concurrency })`, Bluebird's `Promise.map(records, cb)`).
 */
function fanOut(
  ctx: ModuleContext,
  call: Node,
): { label: string; over: Node; cb: Node | undefined } | undefined {
  const name = calleeName(call);
  // `for await (const done of records.map(send))`: the loop observes one promise at a time, and the first
  // rejection leaves the loop while the rest run on unobserved.
  const loop = ctx.parentOf(call);
  if (name === 'map' && loop?.type === 'ForOfStatement' && loop.await === true && loop.right === call) {
    const over = unwrap(call.callee)?.object as Node | undefined;
    return over === undefined ? undefined : { label: 'for await', over, cb: ctx.valueOf(call.arguments[0]) };
  }
  if (name === 'all' && memberPath(call.callee)?.join('.') === 'Promise.all') {
    const arg = ctx.valueOf(call.arguments[0]);
    // `Promise.all([...a.map(f), ...b.map(g)])`: one fan-out over several lists, so a callback that is not
    // excused rejects it whichever list it maps. It is over the batch when any of its lists is.
    const maps = spreadMaps(ctx, arg);
    const loose = maps?.find((m) => m.cb === undefined || !isFunction(m.cb) || !excused(ctx, m.cb));
    if (maps !== undefined && loose !== undefined)
      return {
        label: 'Promise.all',
        over: (maps.find((m) => batchList(ctx, m.over)) ?? loose).over,
        cb: loose.cb,
      };
    if (arg?.type !== 'CallExpression' || calleeName(arg) !== 'map') {
      const gathered = gatheredFanOut(ctx, call, (cb) => excused(ctx, cb));
      return gathered === undefined ? undefined : { label: 'Promise.all', ...gathered };
    }
    const over = unwrap(arg.callee)?.object as Node | undefined;
    return over === undefined ? undefined : { label: 'Promise.all', over, cb: ctx.valueOf(arg.arguments[0]) };
  }
  const source = ctx.importRoot(call.callee)?.source;
  const limited =
    (source === 'p-map' && unwrap(call.callee)?.type === 'Identifier') ||
    (source === 'bluebird' && name === 'map' && unwrap(call.callee)?.type === 'MemberExpression');
  const over = call.arguments[0] as Node | undefined;
  if (!limited || over === undefined) return undefined;
  return { label: source === 'p-map' ? 'pMap' : 'Bluebird.map', over, cb: ctx.valueOf(call.arguments[1]) };
}

/** The lists and callbacks of an array literal made only of spread maps (`[...a.map(f), ...b.map(g)]`). */
function spreadMaps(
  ctx: ModuleContext,
  arg: Node | undefined,
): { over: Node; cb: Node | undefined }[] | undefined {
  if (arg?.type !== 'ArrayExpression' || (arg.elements as Node[]).length === 0) return undefined;
  const maps: { over: Node; cb: Node | undefined }[] = [];
  for (const e of arg.elements as (Node | null)[]) {
    const mapped = e?.type === 'SpreadElement' ? unwrap(e.argument as Node) : undefined;
    const over =
      mapped?.type === 'CallExpression' && calleeName(mapped) === 'map'
        ? unwrap(mapped.callee)?.object
        : undefined;
    if (mapped === undefined || over === undefined) return undefined;
    maps.push({ over: over as Node, cb: ctx.valueOf((mapped.arguments as Node[])[0]) });
  }
  return maps;
}

/** The callback keeps the fan-out's failures in hand: guarded, read-only, or answering them as values. */
function excused(ctx: ModuleContext, cb: Node): boolean {
  return (
    guarded(ctx, cb, (call) => readsOnly(ctx, call, 0)) ||
    onlyReads(ctx, cb) ||
    delegatesToCatchAll(ctx, cb) ||
    answersErrorValues(cb) ||
    answersFailedItems(ctx, cb) ||
    answersSettlingPromise(ctx, cb) ||
    parksRecordPromise(ctx, cb)
  );
}

export function promiseAllRule(ctx: ModuleContext, report: Report): void {
  const pMapped = ctx.spells('p-map');
  const asyncJob = asyncJobModule(ctx);
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call);
    if (name !== 'all' && name !== 'map' && !pMapped) continue;
    const fan = fanOut(ctx, call);
    if (fan === undefined) continue;
    const kind = ctx.handlerKindAt(call);
    if (kind === undefined && !asyncJob) continue;
    const collection = memberPath(fan.over)?.join('.');
    if (collection === undefined) continue;
    const cb = fan.cb;
    // A schedule or S3 notification fanning sends out over what it loaded: retried whole, it sends again.
    const job =
      asyncJob &&
      onJobPath(ctx, call) &&
      !RECORDS.test(collection) &&
      cb !== undefined &&
      isFunction(cb) &&
      sendsPerItem(ctx, cb) &&
      !guarded(ctx, cb, (call) => readsOnly(ctx, call, 0)) &&
      !delegatesToCatchAll(ctx, cb) &&
      !answersErrorValues(cb) &&
      !answersFailedItems(ctx, cb);
    if (job) {
      report(
        'promise-all-no-partial',
        call,
        `${fan.label} over ${collection} sends one message per item in an asynchronously invoked handler: the first failed send rejects the run, and Lambda's retry sends again to every item already sent`,
      );
      continue;
    }
    if (kind === undefined || kind === 'record') continue;
    if (!batchList(ctx, fan.over)) continue;
    if (cb !== undefined && isFunction(cb) && excused(ctx, cb)) continue;
    const handler = handlerAround(ctx, call);
    if (handler !== undefined && ONE_RECORD_EVENT.test(ctx.source.slice(handler.fn.start, handler.fn.end)))
      continue;
    // A callback named by the handler (`event.Records.map(forwardNotice)`) shows the record's source itself.
    if (cb !== undefined && isFunction(cb) && ONE_RECORD_EVENT.test(ctx.source.slice(cb.start, cb.end)))
      continue;
    report(
      'promise-all-no-partial',
      call,
      `${fan.label} over ${collection}: the first failure rejects the batch and the other outcomes are lost`,
      // A batch size of 1 set in the template for this handler clears it in the project pass.
      handler !== undefined && handler.names.length > 0 ? { handlerExports: handler.names } : undefined,
    );
  }
}
