// iac-no-event-archive and iac-missing-dlq for SST v3's Bus (`new sst.aws.Bus("Bus")`, the global `sst` of
// an `sst.config.ts` app and the infra modules it imports). The bus is an EventBridge bus with no archive of
// its own, and each `bus.subscribe(...)` builds a function of its own behind an EventBridge rule, which
// invokes it asynchronously: after Lambda's two retries a failed event is dropped unless that function has a
// dead-letter or on-failure destination (`transform: { function: { deadLetterConfig } }`, a
// `destinationConfig.onFailure`, or an `aws.lambda.FunctionEventInvokeConfig`: any such config in the module
// is taken to cover its subscribers, since it names the function by an output the scan does not follow). The
// rule target's `transform: { target: { deadLetterConfig } }` is not one: it holds only the events
// EventBridge could not hand to Lambda. So the archive finding sits at the bus and the DLQ finding at each
// subscribe call, where each subscriber's fix goes (sstV3Subscribers.ts reads the subscriber, alike for the
// SnsTopic). As for SST v2 (sstEventBus.ts), a subscriber given nothing to work with (no `link`, `permissions`, `environment`, `role`
// or `vpc`, and no app-wide `$transform` of functions) can only log, and a bus whose subscribers all only
// log, kept in its module, carries nothing worth replaying.
import { memberPath, type Node, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { sstBusShared } from './sstBusShared.js';
import { keptIn } from './sstEventBus.js';
import { subscriberKind, subscribesOn } from './sstV3Subscribers.js';

const ARCHIVED = /\.archive\s*\(|\bnew\s+(?:[\w$]+\s*\.\s*)*(?:Archive|EventArchive)\s*\(/;

/** Is `node` a `new sst.aws.Bus(...)` on SST's global `sst`? */
function isV3Bus(ctx: ModuleContext, node: Node): boolean {
  const path = memberPath(node.callee);
  return path?.join('.') === 'sst.aws.Bus' && ctx.isGlobal('sst', node);
}

/**
 * iac-no-event-archive at each SST v3 bus with no archive, and iac-missing-dlq at each of its subscribe calls
 * whose subscriber does work with no failure destination.
 * @example
 * sstV3BusRules(ctx, report) // for `const bus = new sst.aws.Bus('Bus'); bus.subscribe({ handler, link: [db] })`
 */
export const sstV3BusRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('sst.aws.Bus')) return;
  for (const node of ctx.of('NewExpression')) {
    if (!isV3Bus(ctx, node)) continue;
    const id = stringValue(ctx.valueOf((node.arguments as Node[])[0])) ?? '';
    const name = keptIn(ctx, node);
    const subscribes = name === undefined ? [] : subscribesOn(ctx, node, name);
    const kinds = subscribes.map((call) => subscriberKind(ctx, call, 'target'));
    const idle =
      name !== undefined && kinds.length > 0 && kinds.every((k) => k === 'idle') && !sstBusShared(ctx, name);
    if (!ARCHIVED.test(ctx.source) && !idle)
      report('iac-no-event-archive', node, `SST Bus ${id} has no archive: lost events cannot be replayed`);
    subscribes.forEach((call, i) => {
      if (kinds[i] === 'uncovered')
        report(
          'iac-missing-dlq',
          call,
          `subscriber of SST Bus ${id} is invoked asynchronously by EventBridge with no dead-letter or onFailure destination: events that still fail after Lambda's two retries are dropped`,
        );
    });
  }
};
