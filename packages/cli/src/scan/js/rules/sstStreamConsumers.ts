// iac-missing-dlq for SST's stream consumers (v2's `import { KinesisStream, Table } from "sst/constructs"`, v1's
// from `@serverless-stack/resources`): a consumer (`consumers: { name: handler | { function, cdk: { eventSource } } }`
// (SST v1 0.x: `{ function, consumerProps }`), or `addConsumers(stack, {...})`)
// is a Lambda event source mapping on a Kinesis or DynamoDB stream, whose options are the CDK
// `KinesisEventSource` / `DynamoEventSource` props under `cdk.eventSource`. With no `onFailure` there, a
// record that keeps failing is retried until it expires from the stream, holding its shard, and is then
// lost, as the CDK rule reports for those event sources. Reported at `cdk.eventSource` when it is written
// (where `onFailure` goes), else at the consumer.
// Apps that split their stacks build the table in a data stack and add its consumers in another, on what
// `use(DataStack)` hands back (`const { orders } = use(DataStack); orders.addConsumers(stack, {...})`).
// `addConsumers` is a method of SST's stream constructs alone, and a Table takes consumers only when it has
// a stream (SST throws at synth otherwise), so such a call is a stream consumer whatever the other stack
// built; it is judged here, where the consumer and its `cdk.eventSource` are written.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, spellsSstV1, sstConstruct, v0Prop } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';
import { keptIn } from './sstEventBus.js';
import { usedStackField } from './sstStackFields.js';

const STREAM_CONSTRUCTS = new Set(['KinesisStream', 'Table']);

/** Reports each consumer of a `consumers` object whose event source has no on-failure destination. */
function checkConsumers(
  ctx: ModuleContext,
  consumers: Node | undefined,
  kind: string,
  v1: boolean,
  report: Report,
): void {
  const all = objectProps(ctx.valueOf(consumers) ?? unwrap(consumers));
  if (all === undefined) return;
  for (const [name, consumer] of all.props) {
    const value = ctx.valueOf(consumer) ?? unwrap(consumer);
    if (value === undefined) continue;
    let at: Node = consumer;
    if (value.type === 'ObjectExpression') {
      const props = objectProps(value);
      if (props === undefined || props.spread) continue;
      const cdk = props.props.get('cdk');
      const cdkProps = cdk !== undefined ? objectProps(ctx.valueOf(cdk)) : undefined;
      if (cdk !== undefined && (cdkProps === undefined || cdkProps.spread)) continue;
      const source = cdkProps?.props.get('eventSource') ?? v0Prop(props.props, 'cdk.eventSource', v1);
      if (source !== undefined) {
        const sourceProps = objectProps(ctx.valueOf(source));
        if (sourceProps === undefined || sourceProps.spread || sourceProps.props.has('onFailure')) continue;
        at = source;
      }
    } else if (value.type !== 'Literal' && value.type !== 'TemplateLiteral') continue;
    report(
      'iac-missing-dlq',
      at,
      `SST ${kind} consumer ${name} has no cdk.eventSource.onFailure: a failing record is retried until it expires from the stream, then dropped`,
    );
  }
}

export const sstStreamConsumerRules: Rule = (ctx: ModuleContext, report: Report) => {
  // `.sst.config.<time>.mjs`: SST's own bundle of the app, left behind by a build; the stacks are the source.
  if (!spellsSstConstructs(ctx) || /(?:^|[\\/])\.sst\.config\.\d+\.mjs$/.test(ctx.file)) return;
  for (const node of ctx.of('NewExpression')) {
    const imp = sstConstruct(ctx, node.callee);
    if (imp === undefined || !STREAM_CONSTRUCTS.has(imp.name)) continue;
    const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
    if (props === undefined || props.spread) continue;
    // An SST Table has a stream only when `stream` is set; its consumers need one.
    if (imp.name === 'Table' && !props.props.has('stream')) continue;
    checkConsumers(ctx, props.props.get('consumers'), imp.name, imp.v1, report);
    const name = keptIn(ctx, node);
    if (name === undefined) continue;
    for (const call of ctx.of('CallExpression')) {
      const path = memberPath(call.callee);
      if (path?.at(-1) !== 'addConsumers' || path.slice(0, -1).join('.') !== name) continue;
      checkConsumers(ctx, (call.arguments as Node[])[1], imp.name, imp.v1, report);
    }
  }
  if (!ctx.spells('use')) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'MemberExpression' || memberPath(callee)?.at(-1) !== 'addConsumers') continue;
    if (usedStackField(ctx, callee.object as Node) === undefined) continue;
    checkConsumers(ctx, (call.arguments as Node[])[1], 'stream', spellsSstV1(ctx), report);
  }
};
