// swallowed-error: a consumer's catch that writes a failure status on the entity it was working on
// (`await putJob({ ...job, status: JobStatus.CONVERSION_FAILED })`, `mergeObjects(bill, { status:
// BILL_SCAN_UNSUCCESSFUL }); await save(bill)`) and then returns. The message is acknowledged, so the
// work is over: a transient failure (a throttle, a timeout) becomes a permanent "failed" that nothing
// re-drives. It is a parked retry, not a loss, when something does pick the flag up again: a retry counter
// or next-attempt time written beside it, or a read of the same status elsewhere in the module (a query
// or a test on it); the catch that also throws, or reports the record through batchItemFailures, retries.
import { forEachDescendant, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { consumerView } from '../wiredConsumer.js';
import { selectsOwnWork } from './catchExemptions.js';
import { isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** A field that holds an entity's lifecycle state. */
const STATUS_KEY = /^(status|state)$|Status$|State$/;
/** A state name that says the work failed. */
const FAILED_STATE = /fail|error|unsuccessful|rejected|aborted/i;
/** Fields that schedule the next attempt: the failure is parked for a retry, not dropped. */
const RETRY_FIELD = /retr(y|ies)|attempts?$|nextRun|nextAttempt|retryAt|redrive/i;

/** The name a failure state goes by: `'FAILED'` or the member `JobStatus.FAILED`. */
function failedStateName(value: Node | undefined): string | undefined {
  const v = unwrap(value);
  if (v?.type === 'Literal' && typeof v.value === 'string')
    return FAILED_STATE.test(v.value) ? v.value : undefined;
  if (v?.type === 'MemberExpression') {
    const name = propertyName(v.property as Node, v.computed as boolean);
    return name !== undefined && FAILED_STATE.test(name) ? name : undefined;
  }
  return undefined;
}

/**
 * The failure states the catch writes into objects (`{ status: X.FAILED }`), outside its return value and
 * its log lines. An object that also carries the caught error (`{ status: 'FAILED', error: e.message }`)
 * records the failure for whoever reads the entity: that is a report, not a swallow, and is left out.
 */
function writtenFailureStates(body: Node, caught: string | undefined): Node[] {
  const found: Node[] = [];
  const carriesError = (object: Node) =>
    caught !== undefined && someDescendant(object, (n) => n.type === 'Identifier' && n.name === caught);
  forEachDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement' || isObservation(n)) return false;
      if (n.type !== 'ObjectExpression' || carriesError(n)) return true;
      for (const p of n.properties as Node[]) {
        if (p.type !== 'Property') continue;
        const key = propertyName(p.key as Node, p.computed as boolean) ?? '';
        if (STATUS_KEY.test(key) && failedStateName(p.value as Node) !== undefined)
          found.push(p.value as Node);
      }
      return true;
    },
    true,
  );
  return found;
}

/** A failure counter the run reports (`failureCount++`, `errors += 1`): the failure is counted, not dropped. */
const COUNTER = /\b\w*(fail|error)\w*\s*(\+\+|\+=)/i;

/** The catch hands the failure on: it throws, rejects, or reports the record as failed to the batch. */
function handsOn(ctx: ModuleContext, body: Node): boolean {
  if (someDescendant(body, (n) => n.type === 'ThrowStatement', true)) return true;
  return /\bbatchItemFailures\b|\breject\s*\(|\bnext\s*\(\s*\w+\s*\)/.test(
    ctx.source.slice(body.start, body.end),
  );
}

/** A test of the state (`job.status === X.FAILED`, a `case X.FAILED:`): code that selects failed entities. */
function testsState(ctx: ModuleContext, node: Node): boolean {
  const parent = ctx.parentOf(node);
  if (parent?.type === 'SwitchCase') return parent.test === node;
  return parent?.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator as string);
}

/** Something schedules or selects the failed entity again: a retry field, or a test of the state elsewhere. */
function parked(ctx: ModuleContext, body: Node, states: readonly Node[]): boolean {
  const text = ctx.source.slice(body.start, body.end);
  if (RETRY_FIELD.test(text.replace(/\/\/.*$/gm, ''))) return true;
  const names = new Set(states.map((s) => failedStateName(s)));
  let tested = false;
  forEachDescendant(ctx.program, (n) => {
    if (tested || n === body) return false;
    if ((n.type === 'MemberExpression' || n.type === 'Literal') && names.has(failedStateName(n)))
      tested = testsState(ctx, n);
    return true;
  });
  return tested;
}

/**
 * Off (round 41 review): the class reported a Lambda `callback(err)`, a `false` its consumer reads and throws on,
 * an EventBridge notification carrying a status, and an attempt count beside the state, and a log word
 * ("no retry") silenced it. Until handsOn, the shared-mode caller test, the store-call test and the retry-field
 * test are rebuilt, the catch is judged as if this class did not exist.
 */
const MARKED_FAILED_REPORTS: boolean = false;

/**
 * A catch after I/O on a queue or stream consumer's path (in its module, or in a service module a consumer
 * reaches) that writes a failure status with an awaited call and returns normally. True when reported.
 *
 * @example
 * markedFailedCatch(ctx, handler, true, report) // catch (e) { log(e); await save({ ...job, status: 'FAILED' }); return; } -> true
 */
export function markedFailedCatch(ctx: ModuleContext, handler: Node, io: boolean, report: Report): boolean {
  if (!MARKED_FAILED_REPORTS) return false;
  const body = handler.body as Node;
  if (!io || !someDescendant(body, (n) => n.type === 'AwaitExpression', true)) return false;
  const caught = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  const states = writtenFailureStates(body, caught);
  if (states.length === 0 || handsOn(ctx, body) || parked(ctx, body, states)) return false;
  // A job that selects its own work finds a failed entity again, or counts its failures for its report.
  if (selectsOwnWork(ctx) || COUNTER.test(ctx.source.slice(body.start, body.end))) return false;
  const shared = ctx.handlers.size === 0;
  if (shared && ctx.enclosingFunction(handler) === undefined) return false;
  const view = shared ? undefined : consumerView(ctx);
  if (!shared && (view?.consumer !== true || ctx.handlerKindAt(handler) === undefined)) return false;
  report(
    'swallowed-error',
    handler,
    'catch marks the entity failed and returns: the message is acknowledged, so a transient failure becomes a permanent "failed" that nothing retries',
    shared ? { onlyIfConsumerCaller: sharedRequest(ctx, handler) } : view?.extra,
  );
  return true;
}
