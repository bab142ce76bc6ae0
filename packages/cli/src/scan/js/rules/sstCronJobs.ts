// SST v1/v2 `Cron` constructs (`new Cron(stack, 'nightly', { schedule, job: 'src/jobs.run' })` from
// `@serverless-stack/resources` or `sst/constructs`): the job's handler string names an export the clock
// invokes asynchronously. Nobody reads its answer and a failed run is retried whole, so the rules that ask
// whether a handler is a job (a fan-out that repeats its sends on retry, work not awaited) need to know
// it, and an untyped export named only here is an entry point at all only through it.
import { type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

const SST_PACKAGES = new Set(['@serverless-stack/resources', 'sst/constructs']);

/** The handler string of a function definition: a string, or `{ handler }`, or a job's `{ function }`. */
function handlerString(ctx: ModuleContext, node: Node | undefined, depth = 0): string | undefined {
  const value = unwrap(ctx.valueOf(node) ?? node);
  if (value === undefined || depth > 2) return undefined;
  const text = stringValue(value);
  if (text !== undefined) return text;
  const props = objectProps(value)?.props;
  return (
    handlerString(ctx, props?.get('handler'), depth + 1) ??
    handlerString(ctx, props?.get('function'), depth + 1)
  );
}

/**
 * Notes each SST Cron job's handler as scheduled (and so invoked with its answer unread).
 * @example
 * // new Cron(stack, 'lottery', { schedule: 'cron(0 16 ? * FRI *)', job: 'src/handlers/cron.pickWinner' })
 * // -> ctx.scheduledHandlers and ctx.unreadHandlers get 'src/handlers/cron.pickWinner'
 */
export const sstCronJobRules: Rule = (ctx: ModuleContext, _report: Report) => {
  if (!ctx.spells('Cron') || !(ctx.spells('sst/constructs') || ctx.spells('@serverless-stack/resources')))
    return;
  for (const node of ctx.of('NewExpression')) {
    const callee = unwrap(node.callee);
    if (callee?.type !== 'Identifier') continue;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp === undefined || !SST_PACKAGES.has(imp.source) || imp.imported !== 'Cron') continue;
    const job = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props.get('job');
    const handler = handlerString(ctx, job);
    if (handler === undefined || !/^[^\s]+\.[\w$]+$/.test(handler)) continue;
    ctx.scheduledHandlers.push(handler);
    ctx.unreadHandlers.push(handler);
  }
};
