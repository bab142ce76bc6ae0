// SST v1/v2 `Cron` constructs (`new Cron(stack, 'nightly', { schedule, job: 'src/jobs.run' })` from
// `@serverless-stack/resources` or `sst/constructs`, by name or as `sst.Cron` of a namespace import): the
// job's handler string names an export the clock invokes asynchronously. Nobody reads its answer and a failed run is retried whole, so the rules that ask
// whether a handler is a job (a fan-out that repeats its sends on retry, work not awaited) need to know
// it, and an untyped export named only here is an entry point at all only through it.
import { type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct, sstHandlerString } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';

/**
 * Notes each SST Cron job's handler as scheduled (and so invoked with its answer unread).
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
    const handler = sstHandlerString(ctx, job);
    if (handler === undefined || !/^[^\s]+\.[\w$]+$/.test(handler)) continue;
    ctx.scheduledHandlers.push(handler);
    ctx.unreadHandlers.push(handler);
  }
};
