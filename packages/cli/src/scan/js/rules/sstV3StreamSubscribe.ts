// iac-missing-dlq at an SST v3 stream subscription, `table.subscribe(...)` on a `new sst.aws.Dynamo(...)` or
// `stream.subscribe(...)` on a `new sst.aws.KinesisStream(...)`, with no on-failure destination. Each builds
// an event source mapping on the stream: a batch that keeps failing blocks its shard until the records expire
// (AWS's default retries are unlimited) or, with `maximumRetryAttempts`, is skipped and lost. Only a
// `destinationConfig.onFailure` on the mapping (`transform: { eventSourceMapping: { destinationConfig } }`)
// keeps the failed records; bounded retries, bisecting and a record age only decide how soon one is lost, as
// for CDK's stream sources (rules/cdkEventSourceMappings.ts), and as there a `maximumRetryAttempts: 0` with
// a comment giving the reason is a decision (saysWhy.ts). The subscriber's own function settings do not
// reach the mapping. An app-wide `$transform(aws.lambda.EventSourceMapping, ...)` setting a destination,
// here or in the app's sst.config.ts (sstV3Transforms.ts), settles every subscription.
import { memberPath, type Node, objectProps, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { decidedZero } from './saysWhy.js';
import { keptIn } from './sstEventBus.js';
import { subscriberOf } from './sstV3Subscribers.js';
import { sstTransforms } from './sstV3Transforms.js';

const STREAMS = new Set(['sst.aws.Dynamo', 'sst.aws.KinesisStream']);
/** A subscriber handed something to work with: one that fails may have written half its work. */
const CAPABLE = ['link', 'permissions', 'environment', 'role', 'vpc'];

/**
 * Whether a subscription's args leave its mapping without a failure destination, as far as the scan can
 * read them: no args, or an args object (and a `transform.eventSourceMapping` in it) written out with no
 * `destinationConfig`. Args, a transform or a mapping transform it cannot read (a variable, a spread, a
 * callback) may set one, and are left alone.
 */
function noDestination(ctx: ModuleContext, args: Node | undefined): boolean {
  if (args === undefined) return true;
  const open = objectProps(args);
  if (open === undefined || open.spread) return false;
  const transform = open.props.get('transform');
  if (transform === undefined) return true;
  const transformOpen = objectProps(ctx.valueOf(transform));
  if (transformOpen === undefined || transformOpen.spread) return false;
  const mapping = transformOpen.props.get('eventSourceMapping');
  if (mapping === undefined) return true;
  const mappingOpen = objectProps(ctx.valueOf(mapping));
  if (mappingOpen === undefined || mappingOpen.spread) return false;
  if (decidedZero(ctx, mappingOpen.props.get('maximumRetryAttempts'))) return false;
  const config = mappingOpen.props.get('destinationConfig');
  if (config === undefined) return true;
  // Read as written: a commented-out destination is none; a config the scan cannot read may hold one.
  const configOpen = objectProps(ctx.valueOf(config));
  return configOpen !== undefined && !configOpen.spread && !configOpen.props.has('onFailure');
}

/**
 * Reports each subscribe call on an SST v3 Dynamo table or Kinesis stream built in the module whose
 * subscriber does work (given `link`, `permissions`, `environment`, `role` or `vpc`) and whose mapping has
 * no on-failure destination.
 * @example
 * // const t = new sst.aws.Dynamo('T', { stream: 'new-image', ... }); t.subscribe('S', { handler, link: [t] })
 * // -> at the subscribe call
 */
export const sstV3StreamSubscribeRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('sst.aws.Dynamo') && !ctx.spells('sst.aws.KinesisStream')) return;
  if (sstTransforms(ctx).includes('mapping-destination')) return;
  for (const node of ctx.of('NewExpression')) {
    const kind = memberPath(node.callee)?.join('.');
    if (kind === undefined || !STREAMS.has(kind) || !ctx.isGlobal('sst', node)) continue;
    const name = keptIn(ctx, node);
    if (name === undefined) continue;
    const id = stringValue(ctx.valueOf((node.arguments as Node[])[0])) ?? name;
    for (const call of ctx.of('CallExpression')) {
      const path = memberPath(call.callee);
      if (path?.at(-1) !== 'subscribe' || path.slice(0, -1).join('.') !== name) continue;
      const found = subscriberOf(ctx, call);
      const subscriber = objectProps(found?.subscriber);
      if (found === undefined || subscriber === undefined || subscriber.spread) continue;
      if (!CAPABLE.some((key) => subscriber.props.has(key))) continue;
      if (!noDestination(ctx, found.args)) continue;
      report(
        'iac-missing-dlq',
        call,
        `subscriber of SST ${kind.slice('sst.aws.'.length)} ${id}'s stream has no on-failure destination (transform.eventSourceMapping.destinationConfig.onFailure): a batch that keeps failing blocks its shard until the records expire, or is dropped after maximumRetryAttempts`,
        { unlessSstTransform: 'mapping-destination' },
      );
    }
  }
};
