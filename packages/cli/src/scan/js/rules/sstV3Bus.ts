// iac-no-event-archive and iac-missing-dlq for SST v3's Bus (`new sst.aws.Bus("Bus")`, the global `sst` of
// an `sst.config.ts` app and the infra modules it imports). The bus is an EventBridge bus with no archive of
// its own, and each `bus.subscribe(...)` builds a function of its own behind an EventBridge rule, which
// invokes it asynchronously: after Lambda's two retries a failed event is dropped unless that function has a
// dead-letter or on-failure destination (`transform: { function: { deadLetterConfig } }`, a
// `destinationConfig.onFailure`, or an `aws.lambda.FunctionEventInvokeConfig`: any such config in the module
// is taken to cover its subscribers, since it names the function by an output the scan does not follow). The
// rule target's `transform: { target: { deadLetterConfig } }` is not one: it holds only the events
// EventBridge could not hand to Lambda. So the archive finding sits at the bus and the DLQ finding at each
// subscribe call, where each subscriber's fix goes. As for SST v2
// (sstEventBus.ts), a subscriber given nothing to work with (no `link`, `permissions`, `environment`, `role`
// or `vpc`, and no app-wide `$transform` of functions) can only log, and a bus whose subscribers all only
// log, kept in its module, carries nothing worth replaying.
import { memberPath, type Node, objectProps, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { sstBusShared } from './sstBusShared.js';
import { keptIn } from './sstEventBus.js';

const ARCHIVED = /\.archive\s*\(|\bnew\s+(?:[\w$]+\s*\.\s*)*(?:Archive|EventArchive)\s*\(/;
/** A dead-letter or on-failure destination written for the subscriber's function. */
export const FAILURE_TARGET = /\b(?:deadLetterConfig|deadLetterQueue|onFailure)\b/;
/** A subscriber handed something to work with (links, permissions, settings): not one that can only log. */
export const CAPABLE = /\b(?:link|permissions|environment|role|vpc)\s*:/;
/** App-wide function settings (`$transform(sst.aws.Function, ...)`) may give every subscriber its links. */
export const APP_DEFAULTS = /\$transform\s*\(/;

/** Is `node` a `new sst.aws.Bus(...)` on SST's global `sst`? */
function isV3Bus(ctx: ModuleContext, node: Node): boolean {
  const path = memberPath(node.callee);
  return path?.join('.') === 'sst.aws.Bus' && ctx.isGlobal('sst', node);
}

/**
 * The subscriber and its args of an SST v3 `subscribe(...)` call on a bus or a stream (Dynamo,
 * KinesisStream): `subscribe(subscriber, args?)` or, in later SST v3 releases, `subscribe(name, subscriber,
 * args?)`.
 * @example
 * subscriberOf(ctx, call) // { subscriber: { handler, link }, args: { filters } } for `t.subscribe('S', { handler, link }, { filters })`
 */
export function subscriberOf(
  ctx: ModuleContext,
  call: Node,
): { subscriber: Node; args: Node | undefined } | undefined {
  const args = (call.arguments as Node[]).map((a) => ctx.valueOf(a));
  const named = stringValue(args[0]) !== undefined && args[1] !== undefined;
  const subscriber = named ? args[1] : args[0];
  return subscriber === undefined ? undefined : { subscriber, args: named ? args[2] : args[1] };
}

/**
 * The subscribe args' text without `transform.target`: a `deadLetterConfig` there is the EventBridge rule
 * target's, which catches only events EventBridge could not hand to Lambda; an event the function fails on
 * is retried by Lambda's own async queue and then dropped, so it covers nothing this rule asks for.
 */
function withoutRuleTarget(ctx: ModuleContext, args: Node | undefined): string {
  if (args === undefined) return '';
  const target = objectProps(objectProps(args)?.props.get('transform'))?.props.get('target');
  const text = ctx.source.slice(args.start, args.end);
  if (target === undefined) return text;
  return text.slice(0, target.start - args.start) + text.slice(target.end - args.start);
}

/** What a subscriber is: one that can only log, one that does work with or without a failure destination. */
function subscriberKind(ctx: ModuleContext, call: Node): 'idle' | 'covered' | 'uncovered' | 'other' {
  const found = subscriberOf(ctx, call);
  if (found === undefined) return 'other';
  const text = (n: Node | undefined) => (n === undefined ? '' : ctx.source.slice(n.start, n.end));
  const { subscriber, args } = found;
  if (stringValue(subscriber) === undefined && objectProps(subscriber) === undefined) return 'other';
  if (objectProps(subscriber)?.spread === true) return 'other';
  if (FAILURE_TARGET.test(text(subscriber)) || FAILURE_TARGET.test(withoutRuleTarget(ctx, args)))
    return 'covered';
  if (/FunctionEventInvokeConfig/.test(ctx.source)) return 'covered';
  const capable = stringValue(subscriber) === undefined && CAPABLE.test(text(subscriber));
  return capable || APP_DEFAULTS.test(ctx.source) ? 'uncovered' : 'idle';
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
    const subscribes =
      name === undefined
        ? []
        : ctx.of('CallExpression').filter((call) => {
            const path = memberPath(call.callee);
            return path?.at(-1) === 'subscribe' && path.slice(0, -1).join('.') === name;
          });
    const kinds = subscribes.map((call) => subscriberKind(ctx, call));
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
