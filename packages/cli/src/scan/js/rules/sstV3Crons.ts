// SST v3 `sst.aws.Cron` and `sst.aws.CronV2` constructs (`new sst.aws.Cron('Nightly', { schedule, function: 'src/job.handler' })`,
// or `function: { handler, link, timeout }`; `job` is the name v3 first gave that field): the function's
// handler string names an export an EventBridge rule (CronV2: EventBridge Scheduler, same `function`
// option) invokes asynchronously. Lambda reads nothing it
// returns, so a catch that answers `{ statusCode: 500 }` there is a success with no retry and no Errors
// metric (rules/unreadFailureAnswer.ts asks `onlyIfAnswerUnread`). v1/v2's `new Cron(stack, ...)` is
// sstCronJobs.ts's; a Cron that runs an ECS `task` names no handler and is left out.
import { memberPath, type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { sstHandlerString } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';

/** The handler string a v3 Cron's arguments name, or undefined (a task, or a function built elsewhere). */
export function sstV3CronHandler(ctx: ModuleContext, args: Node | undefined): string | undefined {
  const props = objectProps(ctx.valueOf(args) ?? args)?.props;
  const fn = props?.get('function') ?? props?.get('job');
  const handler = sstHandlerString(ctx, fn);
  // A handler string is `path/file.export`; a function ARN or a name is not one.
  return handler !== undefined && /^[^\s:]+\.[\w$]+$/.test(handler) ? handler : undefined;
}

/** The v3 schedule constructs: both invoke a Lambda asynchronously and read nothing it answers. */
const V3_CRONS = new Set(['sst.aws.Cron', 'sst.aws.CronV2']);

/**
 * Notes each SST v3 Cron's handler as scheduled (and so invoked with its answer unread).
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
    const handler = sstV3CronHandler(ctx, (node.arguments as Node[])[1]);
    if (handler === undefined) continue;
    ctx.scheduledHandlers.push(handler);
    ctx.unreadHandlers.push(handler);
  }
};
