// SST Cron (v1/v2 `new Cron(stack, ...)`, v3 `sst.aws.Cron[V2]`): the job's handler string names an export
// a schedule invokes asynchronously. Nobody reads its answer and a failed run is retried whole, so the rules
// that ask whether a handler is a job (a fan-out that repeats its sends on retry, work not awaited, a
// `{ statusCode: 500 }` answer that Lambda counts a success: rules/unreadFailureAnswer.ts asks
// `onlyIfAnswerUnread`) need to know it, and an untyped export named only here is an entry point at all only
// through it. Being scheduled also drops a shared helper's no-retry finding when only such jobs reach it
// (EventCallers.scheduledOnly: its next run is the retry).
// v1/v2: `new Cron(stack, 'nightly', { schedule, job: 'src/jobs.run' })` from `@serverless-stack/resources`
// or `sst/constructs`, by name or as `sst.Cron` of a namespace import.
// v3: `new sst.aws.Cron('Nightly', { schedule, function: 'src/job.handler' })` or `function: { handler }`
// (`job` is the name v3 first gave that field), or `function: fn.arn` of an `sst.aws.Function` built in the
// module; CronV2 (EventBridge Scheduler) takes the same option. A Cron that runs an ECS `task` names no
// handler and is left out.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct, sstHandlerString } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';

/** The v3 schedule constructs: both invoke a Lambda asynchronously and read nothing it answers. */
const V3_CRONS = new Set(['sst.aws.Cron', 'sst.aws.CronV2']);

/** `handler` when it is a handler string, `path/file.export`; a function ARN (`arn:...:fn.v2`) or a name is not. */
function asHandler(handler: string | undefined): string | undefined {
  return handler !== undefined && /^[^\s:]+\.[\w$]+$/.test(handler) ? handler : undefined;
}

/**
 * The handler of `fn.arn` / `fn.name` when `fn` is a `new sst.aws.Function(name, { handler })` of this module:
 * the Cron invokes that very function.
 */
function functionRefHandler(ctx: ModuleContext, ref: Node | undefined): string | undefined {
  const path = memberPath(ref);
  if (path?.length !== 2 || (path[1] !== 'arn' && path[1] !== 'name')) return undefined;
  const made = ctx.valueOf(unwrap(ref)?.object as Node | undefined);
  if (made?.type !== 'NewExpression' || memberPath(made.callee)?.join('.') !== 'sst.aws.Function')
    return undefined;
  if (!ctx.isGlobal('sst', made)) return undefined;
  const props = objectProps(
    ctx.valueOf((made.arguments as Node[])[1]) ?? (made.arguments as Node[])[1],
  )?.props;
  return sstHandlerString(ctx, props?.get('handler'));
}

/** The handler string a v3 Cron's arguments name, or undefined (a task, or a function built elsewhere). */
function sstV3CronHandler(ctx: ModuleContext, args: Node | undefined): string | undefined {
  const props = objectProps(ctx.valueOf(args) ?? args)?.props;
  const fn = props?.get('function') ?? props?.get('job');
  return asHandler(sstHandlerString(ctx, fn) ?? functionRefHandler(ctx, fn));
}

/** Notes `handler` as scheduled, and so invoked with its answer unread. */
function noteScheduled(ctx: ModuleContext, handler: string | undefined): void {
  if (handler === undefined) return;
  ctx.scheduledHandlers.push(handler);
  ctx.unreadHandlers.push(handler);
}

/**
 * Notes each SST v1/v2 Cron job's handler as scheduled (and so invoked with its answer unread).
 * @example
 * // new Cron(stack, 'lottery', { schedule: 'cron(0 16 ? * FRI *)', job: 'src/handlers/cron.pickWinner' })
 * // -> ctx.scheduledHandlers and ctx.unreadHandlers get 'src/handlers/cron.pickWinner'
 */
export const sstCronJobRules: Rule = (ctx: ModuleContext, _report: Report) => {
  if (!ctx.spells('Cron') || !spellsSstConstructs(ctx)) return;
  for (const node of ctx.of('NewExpression')) {
    // `new Cron(...)` imported by name, or `new sst.Cron(...)` of a namespace import.
    if (sstConstruct(ctx, node.callee)?.name !== 'Cron') continue;
    const job = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props.get('job');
    noteScheduled(ctx, asHandler(sstHandlerString(ctx, job)));
  }
};

/**
 * Notes each SST v3 Cron's (or CronV2's) handler as scheduled (and so invoked with its answer unread).
 * @example
 * // new sst.aws.Cron('Reminders', { schedule: 'rate(1 hour)', function: { handler: 'src/remind.handler' } })
 * // -> ctx.scheduledHandlers and ctx.unreadHandlers get 'src/remind.handler'
 */
export const sstV3CronRules: Rule = (ctx: ModuleContext, _report: Report) => {
  // `spells` is a substring test, so 'sst.aws.Cron' lets CronV2 modules in too.
  if (!ctx.spells('sst.aws.Cron')) return;
  for (const node of ctx.of('NewExpression')) {
    const callee = memberPath(node.callee)?.join('.');
    if (callee === undefined || !V3_CRONS.has(callee) || !ctx.isGlobal('sst', node)) continue;
    noteScheduled(ctx, sstV3CronHandler(ctx, (node.arguments as Node[])[1]));
  }
};
