// iac-missing-dlq at an SST v3 SNS topic subscription (`topic.subscribe(...)` on a `new sst.aws.SnsTopic(...)`
// built in the module). Each such call builds a function of its own that SNS invokes asynchronously: after
// Lambda's two retries an event whose run failed is dropped unless that function has a dead-letter or
// on-failure destination. The subscription's own redrive policy (`transform.subscription.redrivePolicy`)
// keeps only the messages SNS could not hand to Lambda, so it is not one. The finding sits at the subscribe
// call, where the subscriber and its fix are written, as for a bus subscriber (sstV3Bus.ts, whose reading of
// "does work" and "has a destination" this shares): a subscriber given nothing to work with can only log. A
// subscriber handed over as a function built elsewhere (`topic.subscribe(fn.arn)`) is that function's matter.
import { memberPath, type Node, objectProps, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { keptIn } from './sstEventBus.js';
import { APP_DEFAULTS, CAPABLE, FAILURE_TARGET, subscriberOf } from './sstV3Bus.js';

/**
 * Does the subscribe call build a working subscriber with no failure destination? Read from the subscriber
 * (a handler string or a function props object) and the call's args, since the function's settings may be
 * written under the args' `transform` too; a spread or a subscriber the scan cannot read is left alone.
 */
function uncovered(ctx: ModuleContext, call: Node): boolean {
  const found = subscriberOf(ctx, call);
  if (found === undefined) return false;
  const { subscriber, args } = found;
  const props = objectProps(subscriber);
  if (stringValue(subscriber) === undefined && props === undefined) return false;
  if (props?.spread === true || objectProps(args)?.spread === true) return false;
  const text = [subscriber, args]
    .map((n) => (n === undefined ? '' : ctx.source.slice(n.start, n.end)))
    .join('\n');
  if (FAILURE_TARGET.test(text) || /FunctionEventInvokeConfig/.test(ctx.source)) return false;
  return CAPABLE.test(text) || APP_DEFAULTS.test(ctx.source);
}

/**
 * Reports each subscribe call on an SST v3 SNS topic built in the module whose subscriber does work (given
 * `link`, `permissions`, `environment`, `role` or `vpc`, or every function through an app-wide `$transform`)
 * and has no dead-letter or on-failure destination.
 * @example
 * // const t = new sst.aws.SnsTopic('Receipts'); t.subscribe('Processor', { handler, link: [bucket] })
 * // -> at the subscribe call
 */
export const sstV3TopicRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('sst.aws.SnsTopic')) return;
  for (const node of ctx.of('NewExpression')) {
    if (memberPath(node.callee)?.join('.') !== 'sst.aws.SnsTopic' || !ctx.isGlobal('sst', node)) continue;
    const name = keptIn(ctx, node);
    if (name === undefined) continue;
    const id = stringValue(ctx.valueOf((node.arguments as Node[])[0])) ?? name;
    for (const call of ctx.of('CallExpression')) {
      const path = memberPath(call.callee);
      if (path?.at(-1) !== 'subscribe' || path.slice(0, -1).join('.') !== name) continue;
      if (!uncovered(ctx, call)) continue;
      report(
        'iac-missing-dlq',
        call,
        `subscriber of SST SnsTopic ${id} is invoked asynchronously by SNS with no dead-letter or onFailure destination: an event whose run still fails after Lambda's two retries is dropped`,
      );
    }
  }
};
