// How SST v3 reads a `subscribe(...)` call, shared by the Bus (sstV3Bus.ts) and the SnsTopic
// (sstV3Topic.ts) so both decide alike what a subscriber is. Each such call builds a function of its own
// that EventBridge or SNS invokes asynchronously; the function's settings sit in the subscriber (a handler
// string or a function props object) and may be written under the args' `transform` too. The args'
// transform also holds the resource between the source and the function (the Bus rule's `target`, the SNS
// `subscription`): a dead-letter config there catches only events the source could not hand to Lambda, so
// it is read neither as a destination nor as a sign of work. An SNS `filter` policy is message attributes
// (`environment`, `role` are common names), not the function's settings, so it is not read either.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A dead-letter or on-failure destination written for the subscriber's function. */
export const FAILURE_TARGET = /\b(?:deadLetterConfig|deadLetterQueue|onFailure)\b/;
/** A subscriber handed something to work with (links, permissions, settings): not one that can only log. */
export const CAPABLE = /\b(?:link|permissions|environment|role|vpc)\s*:/;
/** App-wide function settings (`$transform(sst.aws.Function, ...)`) may give every subscriber its links. */
export const APP_DEFAULTS = /\$transform\s*\(/;

/**
 * The subscriber and its args of an SST v3 `subscribe(...)` call on a bus, a topic or a stream (Dynamo,
 * KinesisStream): `subscribe(subscriber, args?)` or, in later SST v3 releases, `subscribe(name, subscriber,
 * args?)`; a handler string with an args literal (`subscribe('src/h.handler', { filter })`) is the first.
 * @example
 * subscriberOf(ctx, call) // { subscriber: { handler, link }, args: { filters } } for `t.subscribe('S', { handler, link }, { filters })`
 */
export function subscriberOf(
  ctx: ModuleContext,
  call: Node,
): { subscriber: Node; args: Node | undefined } | undefined {
  const args = (call.arguments as Node[]).map((a) => ctx.valueOf(a));
  // `subscribe('src/h.handler', { filter })` is a handler and its args, not a name and a subscriber: an
  // object literal second, with no `handler` and no third argument, is the args
  const second = objectProps(args[1]);
  const argsSecond =
    args.length === 2 && second !== undefined && !second.props.has('handler') && !second.spread;
  const named = stringValue(args[0]) !== undefined && args[1] !== undefined && !argsSecond;
  const subscriber = named ? args[1] : args[0];
  return subscriber === undefined ? undefined : { subscriber, args: named ? args[2] : args[1] };
}

/** The text of the args' `transform` without its `via` key (the resource between source and function). */
function functionTransform(ctx: ModuleContext, args: Node | undefined, via: string): string {
  const transform = objectProps(args)?.props.get('transform');
  if (transform === undefined) return '';
  const skip = objectProps(transform)?.props.get(via);
  const text = ctx.source.slice(transform.start, transform.end);
  if (skip === undefined) return text;
  return text.slice(0, skip.start - transform.start) + text.slice(skip.end - transform.start);
}

/**
 * What the subscriber of a `subscribe(...)` call is: one that can only log (`idle`), one that does work
 * with (`covered`) or without (`uncovered`) a failure destination, or one the scan cannot read (`other`: a
 * function built elsewhere, a spread). `via` is the args' transform key that is not the function's:
 * `target` for a Bus, `subscription` for an SnsTopic.
 * @example
 * subscriberKind(ctx, call, 'subscription') // 'uncovered' for `t.subscribe({ handler, link: [db] })`
 */
export function subscriberKind(
  ctx: ModuleContext,
  call: Node,
  via: 'target' | 'subscription',
): 'idle' | 'covered' | 'uncovered' | 'other' {
  const found = subscriberOf(ctx, call);
  if (found === undefined) return 'other';
  const { subscriber, args } = found;
  const props = objectProps(subscriber);
  if (stringValue(subscriber) === undefined && props === undefined) return 'other';
  // a spread may hold the destination or the settings: unreadable, so left alone
  if (props?.spread === true || objectProps(args)?.spread === true) return 'other';
  const own = props === undefined ? '' : ctx.source.slice(subscriber.start, subscriber.end);
  const transform = functionTransform(ctx, args, via);
  if (FAILURE_TARGET.test(own) || FAILURE_TARGET.test(transform)) return 'covered';
  if (/FunctionEventInvokeConfig/.test(ctx.source)) return 'covered';
  const capable = CAPABLE.test(own) || CAPABLE.test(transform);
  return capable || APP_DEFAULTS.test(ctx.source) ? 'uncovered' : 'idle';
}

/**
 * The `subscribe(...)` calls on the resource `node` kept in `name`: by binding when the receiver's name
 * resolves to a value (so a same-named local in another function, a queue or another topic, is not taken
 * for it), by its written path otherwise (`this.bus`, a `let` assigned later).
 * @example
 * subscribesOn(ctx, node, 'receipts') // the `receipts.subscribe(...)` calls whose `receipts` is `node`
 */
export function subscribesOn(ctx: ModuleContext, node: Node, name: string): Node[] {
  return ctx.of('CallExpression').filter((call) => {
    const path = memberPath(call.callee);
    if (path?.at(-1) !== 'subscribe' || path.slice(0, -1).join('.') !== name) return false;
    const value = ctx.valueOf(unwrap(call.callee as Node)?.object as Node | undefined);
    return value === node || value?.type === 'Identifier' || value?.type === 'MemberExpression';
  });
}
