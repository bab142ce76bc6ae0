// What a Lambda handler does with its event, for the rules of the infrastructure that invokes it: a
// handler that only logs cannot lose work (no DLQ, concurrency limit or partial failure report is
// needed), and one that never touches the records one by one has nothing to report per record.
import { memberPath, type Node, propertyName, someDescendant } from './ast.js';
import type { HandlerFact } from './Candidate.js';
import { exportsMethod } from './classMethods.js';
import { eventTakers } from './eventTakers.js';
import { exportBranches } from './exportBranches.js';
import { madeByFactory } from './handlerDiscovery.js';
import { answersItemsItself } from './itemAnswer.js';
import type { ModuleContext } from './ModuleContext.js';
import { carriesEvent, decoderRef } from './rules/batchDecoders.js';
import { deletesSucceeded, parksEveryFailure } from './rules/batchOwnAnswers.js';
import { namedLogHelper } from './rules/namedLogCall.js';
import { cannotFailRecord } from './rules/recordSafe.js';
import { returnsProjectCall, throwsForRecord } from './rules/recordThrows.js';

/**
 * Words of a partial batch answer anywhere in the module (the handler's own code, a helper, Powertools'
 * processor, middy's partial-batch middleware): read widely, since a miss would drop a real finding.
 */
export const ITEM_ANSWER =
  /\b(batchItemFailures|itemIdentifier|processPartialResponse\w*|BatchProcessor|\w*BatchResponse|\w*[pP]artialBatch\w*)\b/;
/**
 * A word of every alternative of ITEM_ANSWER, so it is asked through the module's word index
 * (ctx.testSpelled): its `\w*`-led alternatives are tried at every position of the text, once per module
 * with a handler, where most modules spell none of these words.
 */
export const ITEM_ANSWER_WORDS = [
  'batchItemFailures',
  'itemIdentifier',
  'processPartialResponse',
  'BatchProcessor',
  'BatchResponse',
  'artialBatch',
];

const LOG_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace']);
/**
 * A project's level-named log function (`logInfo(msg, ctx)`, `logError(err)`): a failure level as
 * namedLogHelper reads it, or a quiet one. Never a bare `log(...)`: an audit trail's `log` may write a table.
 */
const isLevelLog = (name: string) => namedLogHelper(name) || /^log(Info|Debug|Trace)$/.test(name);

function isLogCall(call: Node): boolean {
  const path = memberPath(call.callee);
  if (path === undefined) return false;
  if (path.join('.') === 'JSON.stringify') return true;
  if (path.length === 1 && isLevelLog(path[0] ?? '')) return true;
  const [owner] = path;
  const method = path[path.length - 1];
  const logger = owner === 'console' || /^(logger|log)$/i.test(owner ?? '');
  return logger && path.length === 2 && LOG_METHODS.has(method ?? '');
}

/**
 * True when the function can fail: it awaits, throws, constructs, or calls anything but a logger
 * (`console.*`, `logger.*`, a level-named `logInfo(...)`, `JSON.stringify`) or `Promise.resolve`. A handler that
 * only logs, reads its event (`void record.s3.object.key`) or returns cannot fail a record.
 * @example
 * doesWork(fn) // false for `async (e) => { console.log(JSON.stringify(e)); }`
 */
export function doesWork(fn: Node): boolean {
  // An arrow's expression body itself is not tested (`(event) => process(event)` reads as no work): a known
  // miss that costs false+ where such a rule target keeps its failures elsewhere (RESULTS round 57, dlq).
  const works = (n: Node): boolean => {
    if (n.type === 'AwaitExpression' || n.type === 'ThrowStatement' || n.type === 'NewExpression')
      return true;
    if (n.type !== 'CallExpression') return false;
    // `Promise.resolve(x)` answers what it is given: only a call inside it is work.
    return !isLogCall(n) && memberPath(n.callee as Node)?.join('.') !== 'Promise.resolve';
  };
  return someDescendant(fn.body as Node, works);
}

function inLogCall(ctx: ModuleContext, n: Node, fn: Node): boolean {
  for (let up = ctx.parentOf(n); up !== undefined && up !== fn; up = ctx.parentOf(up))
    if (up.type === 'CallExpression' && isLogCall(up)) return true;
  return false;
}

/**
 * Whether the function's code names its records (`event.Records`, `{ Records }`) outside its log lines:
 * `logger.info(\`${event.Records.length} records\`)` before one batch-wide call (a cache invalidation, a
 * ping) is no work on a record. With `countIsWork` false, counting them (`event.Records.length`) is none either.
 */
function namesRecords(ctx: ModuleContext, fn: Node, countIsWork: boolean): boolean {
  if (!/\bRecords\b|\brecords\b/.test(ctx.source.slice(fn.start, fn.end))) return false;
  return someDescendant(fn, (n) => {
    const name = n.type === 'Identifier' ? n.name : n.type === 'Literal' ? n.value : undefined;
    if ((name !== 'Records' && name !== 'records') || inLogCall(ctx, n, fn)) return false;
    if (countIsWork) return true;
    const member = ctx.parentOf(n);
    const outer = member?.type === 'MemberExpression' ? ctx.parentOf(member) : undefined;
    return !(
      outer?.type === 'MemberExpression' &&
      outer.object === member &&
      propertyName(outer.property as Node, outer.computed as boolean) === 'length'
    );
  });
}

/**
 * True when the function works on the records of its batch: it reads `Records` (or a `records`
 * field), or hands its event to a call other than a logger (a service that may loop over it); one that
 * takes no event cannot. With `countIsWork` false, only code that names the records counts, not counting
 * them or a log line's words.
 * @example
 * worksPerRecord(ctx, fn) // false for a batch handler that pings one URL and logs the event
 */
export function worksPerRecord(ctx: ModuleContext, fn: Node, countIsWork = true): boolean {
  if (namesRecords(ctx, fn, countIsWork)) return true;
  const first = (fn.params as Node[])[0];
  // No parameter at all (`async () => { await scanEverything() }`): the records never reach the code, so
  // there is none to report failed (only `arguments` could read them).
  if (first === undefined) return /\barguments\b/.test(ctx.source.slice(fn.start, fn.end));
  if (first.type !== 'Identifier') return true;
  const event = first.name as string;
  return someDescendant(
    fn.body,
    (n) =>
      n.type === 'CallExpression' &&
      !isLogCall(n) &&
      (n.arguments as Node[]).some((a) => {
        const key = carriesEvent(a, event);
        // `Parse.messages({ event, context })`: the event handed inside an options object counts only when
        // handed to a project decoder, which the project pass asks reads a batch; a one-call notice
        // (`notify({ detail: event })`) has no record to name (r42 batch review).
        return key === '' || (key !== undefined && decoderRef(ctx, n.callee) !== undefined);
      }),
  );
}

/**
 * Does the handler only hand its batch on (sharedBatchServes.ts)? It hands its event to a project function,
 * names no record itself (no loop of its own), and nothing of its module answers item failures in words
 * (`batchItemFailures`, a middy partial-batch middleware, Powertools), parks or deletes them: a handler
 * that does is answered, or fixed, where it stands, not in the function it hands its event to.
 */
function delegatesBatch(ctx: ModuleContext, fn: Node, answersInWords: boolean): boolean {
  if (answersInWords || namesRecords(ctx, fn, true)) return false;
  return !parksEveryFailure(ctx, fn) && !deletesSucceeded(ctx, fn);
}

/** Facts of every exported entry handler, by export name, for the project pass. */
export function handlerFacts(ctx: ModuleContext): Record<string, HandlerFact> {
  const out: Record<string, HandlerFact> = {};
  const records = [...ctx.handlers.values()].includes('record');
  const answersItems = ctx.testSpelled(ITEM_ANSWER, ITEM_ANSWER_WORDS);
  for (const [fn, kind] of ctx.handlers) {
    if (kind !== 'entry') continue;
    const redelivered = records || ctx.batchHandlers.has(fn);
    for (const [name, value] of ctx.exports) {
      const covers =
        value === fn ||
        ctx.valueOf(value) === fn ||
        someDescendant(value, (n) => n === fn || (n.type === 'Identifier' && ctx.functionOf(n) === fn)) ||
        madeByFactory(ctx, value, fn) ||
        // `new Session().handler.bind(new Session())`, `new Handler().handle`, `createHandler(new Orders())`,
        // and either branch of `flag ? datadog(work) : t` where `const t = new Handler().handle`.
        exportBranches(ctx, value).some(
          (branch) => ctx.valueOf(branch) === fn || exportsMethod(ctx, branch, fn),
        );
      if (!covers) continue;
      const work = doesWork(fn);
      // An export that reaches two handler functions (one calls the other) keeps both one's takers.
      const own = eventTakers(ctx, fn);
      const takers = [...(out[name]?.passesEvent ?? []), ...own];
      out[name] = {
        work,
        // A template's stream finding asks whether a record can fail on its own: counting them is no work.
        // A parking handler does not clear its event source: a failed park fails the batch and, with no
        // bisect, blocks a stream's shard.
        recordWork: work && worksPerRecord(ctx, fn, false) && !cannotFailRecord(ctx, fn),
        ...(redelivered ? { redelivered: true as const } : {}),
        // A handler returning a call into another project module may answer through it: unknown, so answering.
        ...(answersItems || returnsProjectCall(ctx, fn) ? { answersItems: true as const } : {}),
        // Evidence only, for a finding kept when the handler answers (js/itemAnswer.ts).
        ...(out[name]?.returnsItemAnswer === true || answersItemsItself(ctx, fn, value)
          ? { returnsItemAnswer: true as const }
          : {}),
        ...(throwsForRecord(ctx, fn) ? { throwsForRecord: true as const } : {}),
        ...(takers.length > 0 ? { passesEvent: takers } : {}),
        // Of an export reaching two handler functions, both must only hand the batch on.
        ...((out[name] === undefined || out[name]?.delegatesBatch === true) &&
        own.length > 0 &&
        delegatesBatch(ctx, fn, answersItems)
          ? { delegatesBatch: true as const }
          : {}),
      };
    }
  }
  return out;
}
