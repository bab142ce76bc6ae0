// iac-missing-dlq at an SST v3 SNS topic subscription (`topic.subscribe(...)` on a `new sst.aws.SnsTopic(...)`
// built in the module). Each such call builds a function of its own that SNS invokes asynchronously: after
// Lambda's two retries an event whose run failed is dropped unless that function has a dead-letter or
// on-failure destination. The subscription's own redrive policy (`transform.subscription.redrivePolicy`)
// keeps only the messages SNS could not hand to Lambda, so it is not one. The finding sits at the subscribe
// call, where the subscriber and its fix are written, as for a bus subscriber: both read the subscriber with
// sstV3Subscribers.ts, so a subscriber given nothing to work with can only log, and one handed over as a
// function built elsewhere (`topic.subscribe(fn.arn)`) is that function's matter.
import { memberPath, type Node, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { keptIn } from './sstEventBus.js';
import { subscriberKind, subscribesOn } from './sstV3Subscribers.js';

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
    for (const call of subscribesOn(ctx, node, name)) {
      if (subscriberKind(ctx, call, 'subscription') !== 'uncovered') continue;
      report(
        'iac-missing-dlq',
        call,
        `subscriber of SST SnsTopic ${id} is invoked asynchronously by SNS with no dead-letter or onFailure ` +
          `destination: an event whose run still fails after Lambda's two retries is dropped`,
      );
    }
  }
};
