// Names an AWS service keeps unique and refuses (or answers with the first run) when used again: a name made
// from the message makes a redelivery collide with the first run; one made per attempt starts the work again.
import { calleeName, hasProperty, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * Start-job calls whose name is unique in the account and region: Transcribe's (standard, medical, call
 * analytics, scribe) and SageMaker's jobs. A second start under the same name fails with a conflict, so the
 * name is the job's idempotency key.
 */
const UNIQUE_JOB_NAME =
  /^(TranscriptionJobName|MedicalTranscriptionJobName|CallAnalyticsJobName|MedicalScribeJobName|TrainingJobName|ProcessingJobName|TransformJobName|CompilationJobName|LabelingJobName|HyperParameterTuningJobName|AutoMLJobName)$/;

/** A Step Functions execution's name, an EventBridge schedule's, or a Transcribe or SageMaker job's. */
export type UniqueNameKind = 'execution' | 'schedule' | 'job';

/**
 * Is `key` of `parent` such a name? StartExecution's `name` beside its `stateMachineArn` (a standard workflow
 * runs once per name), EventBridge's `Name` beside a `ScheduleExpression` (unique in its group), or a
 * unique job name above.
 */
export function uniqueNameKind(
  ctx: ModuleContext,
  key: string,
  parent: Node | undefined,
): UniqueNameKind | undefined {
  if (parent === undefined) return undefined;
  if (key === 'name' && hasProperty(parent, 'stateMachineArn')) return 'execution';
  if (key === 'Name' && hasProperty(parent, 'ScheduleExpression')) return 'schedule';
  if (UNIQUE_JOB_NAME.test(key) && startsJob(ctx, parent)) return 'job';
  return undefined;
}

/** The start-job command itself: `new StartTranscriptionJobCommand({ ... })` (v3) or `.startTranscriptionJob({ ... })` (v2). */
const JOB_COMMAND = /^(Start|Create)\w*JobCommand$/;
const JOB_METHOD = /^(start|create)\w*Job$/;

/** Is `object` the first argument of a start-job command or call (not an item stored with a key so named)? */
function startsJob(ctx: ModuleContext, object: Node): boolean {
  if (object.type !== 'ObjectExpression') return false;
  const call = ctx.parentOf(object);
  if (call === undefined || (call.arguments as Node[] | undefined)?.[0] !== object) return false;
  if (call.type === 'NewExpression') return JOB_COMMAND.test(unwrap(call.callee as Node)?.name ?? '');
  return call.type === 'CallExpression' && JOB_METHOD.test(calleeName(call) ?? '');
}

/**
 * What a name made per attempt does, for the finding's message. `scheduledToo`: the gate also admits a
 * schedule's run (scheduleRetried), so the message names both cases and does not call a daily job a queue
 * consumer.
 */
export function uniqueNameMessage(
  kind: UniqueNameKind,
  key: string,
  where: string,
  scheduledToo = false,
): string {
  const at = scheduledToo ? 'in a handler a template wires to a queue or a schedule' : where;
  const again = scheduledToo ? 'a retried run or redelivery' : 'a redelivery';
  if (kind === 'schedule')
    return `the schedule name is made per attempt ${at}: ${again} books a second schedule instead of colliding with the first`;
  if (kind === 'execution')
    return `the Step Functions execution name is made per attempt ${at}: ${again} starts the workflow again instead of finding the first execution`;
  return `${key} is made per attempt ${at}: ${again} starts (and pays for) a second job instead of colliding with the first`;
}

/**
 * The finding's gate for a name of `kind` in a handler only a template shows redelivered (`onlyIfEventWired`):
 * for an execution or schedule name a schedule's invocation of `entries` (the handler exports whose run
 * reaches the name, eventlessRoute.ts) counts too. Lambda retries a failed scheduled invocation twice with
 * the same event (its `id` and `time`), so a name taken from that event collides with the first run, while
 * one made per attempt starts the workflow (or books the schedule) again. Only those entries: another export
 * of the module may be scheduled while this one serves an HTTP route nobody retries. Left as it is for a job
 * name (the service keeps used job names for good, so a scheduled job must take a new one on every run) and
 * for a name cut to the day or coarser (`dayLevel`): that is the scheduled period, the same on every retry
 * of the run, so it is the fix and not the defect.
 * @example
 * // const executionName = `scrape-${Date.now()}`; in `export const handler = async () => ...` an SST Cron runs
 * // scheduleRetried('execution', { onlyIfEventWired: ['handler', 'start'] }, ['handler'], false)
 * //   -> { onlyIfEventWired: ['handler', 'start'], orIfScheduled: ['handler'] }
 */
export function scheduleRetried<T extends object>(
  kind: UniqueNameKind | undefined,
  extra: T,
  entries: readonly string[] | undefined,
  dayLevel: boolean,
): T | (T & { orIfScheduled: readonly string[] }) {
  if (kind === undefined || kind === 'job' || dayLevel || !('onlyIfEventWired' in extra)) return extra;
  if (entries === undefined || entries.length === 0) return extra;
  return { ...extra, orIfScheduled: entries };
}
