// Catches that lose none of the work asked for: a failed cleanup (a delete, a closed connection) and a
// scheduled job that selects its own work each run. Split from catchFacts.ts, which says what a catch does.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { answersRequest } from '../awsLambdaTypes.js';
import type { ModuleContext } from '../ModuleContext.js';
import { saysWhy } from './catchFacts.js';
import { passedUnread } from './handedOnEvent.js';
import { onlyFillsOptionalFields } from './optionalFieldAnswers.js';
import { readsRequestHooks } from './requestHooks.js';
import { everyAwaitedCall } from './telemetryFacts.js';

// A failed ChangeMessageVisibility loses nothing either: the message comes back at the queue's own timeout;
// nor a failed AbortMultipartUpload (the bucket's lifecycle rule reaps what is left).
const CLEANUP_COMMAND =
  /^(Delete|Remove|Deregister|Untag|Detach|Disassociate|Disable|Abort|ChangeMessageVisibility)\w*$/;
// Enumerations only: a `GetObject` beside a `DeleteMessage` is the work itself, then its acknowledgement.
const SELECT_COMMAND = /^(Scan|Query|List)\w*$/;
// Closing a connection (`await this.pool.end()`, `client.disconnect()`) loses none of the work done on it.
export const CLEANUP_METHOD =
  /^(delete|remove|deregister|untag|detach|disassociate|disable|abort|changeMessageVisibility)\w*$|^(close|end|disconnect|quit|release|destroy)$/;

/**
 * A catch answering a default after I/O that loses no work, asked cheapest first: a scheduled handler whose
 * next run selects the work again, a comment in the catch that decides the default
 * (`// swallowed: we fall back on the API`), a failed cleanup, or a null every caller reads only into
 * optional fields of an answered payload (optionalFieldAnswers.ts, which walks the module's calls, last).
 * @example
 * defaultAnswerExcused(ctx, handler, tryStatement, 'nullish') // true for a cleanup-only try block
 */
export function defaultAnswerExcused(
  ctx: ModuleContext,
  handler: Node,
  tryStatement: Node,
  answer?: string,
): boolean {
  return (
    (ctx.handlerKindAt(handler) !== undefined && selectsOwnWork(ctx)) ||
    saysWhy(ctx, tryStatement, undefined, true) ||
    onlyCleanup(ctx, tryStatement.block as Node) ||
    (answer === 'nullish' && onlyFillsOptionalFields(ctx, handler))
  );
}

/**
 * Every AWS call in the try block is a delete or another cleanup (`DeleteSubscriptionFilterCommand`,
 * `scheduler.deleteSchedule(...)`), or a scan or list that selects what it deletes: a failed cleanup that
 * is logged leaves garbage behind, but loses none of the work the caller asked for.
 */
export function onlyCleanup(ctx: ModuleContext, block: Node): boolean {
  // Several swallow rules ask of the same try block; a block belongs to one module, so it keys the answer.
  let known = cleanupByBlock.get(block);
  if (known === undefined) {
    known = cleanupOnly(ctx, block);
    cleanupByBlock.set(block, known);
  }
  return known;
}

const cleanupByBlock = new WeakMap<Node, boolean>();

function cleanupOnly(ctx: ModuleContext, block: Node): boolean {
  const text = ctx.source.slice(block.start, block.end);
  // The word first: the regex tries every position of the block, the word search is far cheaper, and a
  // block without the word has no command for the regex to find.
  const commands = text.includes('Command')
    ? [...text.matchAll(/\bnew\s+(\w+)Command\b/g)].map((m) => m[1] ?? '')
    : [];
  // A read that selects what to delete (`Scan` then `Delete` of each item, `ListObjects` then
  // `DeleteObjects`) is part of the cleanup.
  if (commands.length > 0)
    return (
      commands.some((c) => CLEANUP_COMMAND.test(c)) &&
      commands.every((c) => CLEANUP_COMMAND.test(c) || SELECT_COMMAND.test(c))
    );
  return everyAwaitedCall(block, (call) => cleanupCall(ctx, call));
}

/**
 * The steps of a promise chain (`eb.removeTargets(...).then(() => eb.deleteRule(...)).catch(log)`): its first
 * call and each call a `.then` callback answers are all cleanups, as onlyCleanup asks of a try's awaited calls.
 */
export function onlyCleanupChain(ctx: ModuleContext, catchCall: Node): boolean {
  const steps: Node[] = [];
  let link = unwrap(unwrap(catchCall.callee)?.object);
  while (link?.type === 'CallExpression' && calleeName(link) === 'then') {
    const cb = unwrap((link.arguments as Node[])[0]);
    const body =
      cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression' ? cb.body : undefined;
    const answered =
      body?.type === 'BlockStatement'
        ? (body.body as Node[]).filter((s) => s.type === 'ReturnStatement').map((s) => unwrap(s.argument))
        : [unwrap(body)];
    for (const a of answered) if (a?.type === 'CallExpression') steps.push(a);
    link = unwrap(unwrap(link.callee)?.object);
  }
  if (link?.type !== 'CallExpression') return false;
  steps.push(link);
  return steps.every((call) => cleanupCall(ctx, call));
}

/** `x.deleteItem(...)`, `x.send(new DeleteItemCommand(...))`, `x.deleteItem(...).promise()`, `pool.end()`. */
function cleanupCall(ctx: ModuleContext, call: Node): boolean {
  let name = calleeName(call) ?? '';
  // `client.send(command)` with the command built before the try.
  const sent = name === 'send' ? ctx.valueOf(call.arguments[0]) : undefined;
  if (sent?.type === 'NewExpression')
    return CLEANUP_COMMAND.test(
      (unwrap(sent.callee)?.name as string | undefined)?.replace(/Command$/, '') ?? '',
    );
  const inner = unwrap(unwrap(call.callee)?.object);
  if (name === 'promise' && inner?.type === 'CallExpression') name = calleeName(inner) ?? '';
  return CLEANUP_METHOD.test(name) && unwrap(call.callee)?.type === 'MemberExpression';
}

/**
 * Every handler the module exports ignores its event (`async () => ...`, `async (_, context) => ...`): a
 * job that selects its own work each run (a schedule). What a run fails to do and only logs is still
 * where the run found it, and the next run selects it again: that is the retry. With `typed` (no-retry's
 * reading, in its rule text), a handler typed as answering a request (answersRequest) is no job, whatever
 * it reads; the other rules' texts take a handler that ignores its event as a job whatever its types say
 * (a scheduled Powertools class copied from an API one keeps `Promise<APIGatewayProxyResult>`).
 */
export function selectsOwnWork(ctx: ModuleContext, logOnly = false, typed = false): boolean {
  // Asked once per catch and per retry site, and each answer walks every handler's body: remembered per
  // module and reading, it is exact (the handlers are found when the module is read and never change).
  let known = ownWorkByModule.get(ctx);
  if (known === undefined) {
    known = [];
    ownWorkByModule.set(ctx, known);
  }
  const reading = (logOnly ? 1 : 0) + (typed ? 2 : 0);
  known[reading] ??= ownWork(ctx, logOnly, typed);
  return known[reading];
}

const ownWorkByModule = new WeakMap<ModuleContext, boolean[]>();

function ownWork(ctx: ModuleContext, logOnly: boolean, typed: boolean): boolean {
  // SST's API handlers take no event and read their request through hooks (requestHooks.ts).
  if (readsRequestHooks(ctx)) return false;
  let entries = 0;
  for (const [fn, kind] of ctx.handlers) {
    if (kind !== 'entry') continue;
    entries++;
    if (typed && answersRequest(ctx, fn)) return false;
    const first = (fn.params as Node[])[0];
    if (first === undefined) continue;
    if (first.type !== 'Identifier') return false;
    const name = first.name as string;
    if (name.startsWith('_')) continue;
    // With `logOnly`, logging the event (`console.log('event', event)`) is not reading it: the run still
    // selects its work (no-retry asks this; a catch that only logs is judged on the stricter reading).
    // Handing the event to a module-local function that never reads it is no read (handedOnEvent.ts).
    const reads = (n: Node) =>
      n.type === 'Identifier' && n.name === name && !(logOnly && logged(ctx, n)) && !passedUnread(ctx, n);
    if (someDescendant(fn.body as Node, reads)) return false;
  }
  return entries > 0;
}

/** Some handler the module exports is typed with aws-lambda's request types (answersRequest). */
export function typedAsRequest(ctx: ModuleContext): boolean {
  for (const [fn, kind] of ctx.handlers) if (kind === 'entry' && answersRequest(ctx, fn)) return true;
  return false;
}

const LOGGER = /^(?:console|logger|log|Logger|LOGGER|LOG)$/;

/** The identifier is an argument of a log call (`console.log('event', event)`, `logger.info({ event })`). */
function logged(ctx: ModuleContext, id: Node): boolean {
  let n = ctx.parentOf(id);
  if (n?.type === 'Property' && (n.value === id || n.shorthand === true))
    n = ctx.parentOf(ctx.parentOf(n) as Node);
  if (n?.type === 'CallExpression' && n.callee !== id) {
    const callee = unwrap(n.callee);
    const root = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (root?.type === 'Identifier' && LOGGER.test(root.name as string)) return true;
    // `JSON.stringify(event)` inside the log call.
    if (memberPath(n.callee)?.join('.') === 'JSON.stringify') return logged(ctx, n);
  }
  return false;
}
