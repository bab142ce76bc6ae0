// iac-missing-dlq for a stream read by a Lambda in CDK, in each form CDK offers: an event source (`new
// DynamoEventSource(table, {...})`, `new KinesisEventSource(stream, {...})`), a bare mapping (`new
// CfnEventSourceMapping(scope, id, { eventSourceArn: table.tableStreamArn, startingPosition, ... })` (L1),
// `new EventSourceMapping(scope, id, { target, eventSourceArn, startingPosition })` (L2)) or the function's
// own `fn.addEventSourceMapping(id, { eventSourceArn, startingPosition })`. A starting position is what
// marks a stream mapping (Kinesis, DynamoDB Streams): an SQS mapping takes none.
//
// What makes one safe is an on-failure destination: without it a record that keeps failing blocks its shard
// until its retries or its age run out and is then skipped, with no record of what was lost. Bounded retries
// (`retryAttempts`), bisecting and `maxRecordAge` only decide how soon that happens, so none stands in for
// it; -1, AWS's "no limit", bounds nothing, so the record blocks its shard until the stream expires it.
// `retryAttempts: 0` (L1 `maximumRetryAttempts`) with a comment giving the reason is a decision: the record
// is skipped after one try instead of blocking its shard, which a team may rightly prefer for data it can
// rebuild (saysWhy.ts reads the reason); SST v3's stream subscriptions honour it alike (sstV3StreamSubscribe.ts).
import { type Node, numberValue, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { addedMappings } from './cdkAddedMappings.js';
import { cdkConstruct } from './cdkConstructName.js';
import type { Report } from './Report.js';
import { decidedZero } from './saysWhy.js';

/** The retry and age settings a stream mapping is read for, by the name its form spells them. */
const RETRY_KEY = { l1: 'maximumRetryAttempts', l2: 'retryAttempts' } as const;
const AGE_KEY = { l1: 'maximumRecordAgeInSeconds', l2: 'maxRecordAge' } as const;

/** A retry or age setting that bounds something: set, and not -1, which AWS reads as "no limit". */
function bounds(ctx: ModuleContext, value: Node | undefined): boolean {
  return value !== undefined && numberValue(ctx.valueOf(value) ?? value) !== -1;
}

/** What a stream with no on-failure destination does with a record that keeps failing. */
function fate(ctx: ModuleContext, props: Map<string, Node>, form: 'l1' | 'l2'): string {
  const bounded = bounds(ctx, props.get(RETRY_KEY[form])) || bounds(ctx, props.get(AGE_KEY[form]));
  return bounded
    ? 'a record that keeps failing is skipped once its retries or age run out, with no record of what was lost'
    : 'a record that keeps failing blocks its shard until it expires (24 h on a DynamoDB stream) and is then dropped with no record';
}

type Props = ReturnType<typeof objectProps>;

/**
 * Reports a stream source or mapping, judged by the props it is built with, that has no on-failure
 * destination and no decision not to retry. `l1` spells the destination `destinationConfig.onFailure`.
 */
function judgeStream(
  ctx: ModuleContext,
  at: Node,
  props: Props,
  what: string,
  form: 'l1' | 'l2',
  report: Report,
): void {
  const config = props?.props.get('destinationConfig');
  const onFailure =
    form === 'l1' ? objectProps(ctx.valueOf(config))?.props.get('onFailure') : props?.props.get('onFailure');
  // A destination config built elsewhere (`destinationConfig: failureDestination`) is given the benefit.
  if (
    onFailure !== undefined ||
    (form === 'l1' && config !== undefined && objectProps(ctx.valueOf(config)) === undefined)
  )
    return;
  if (decidedZero(ctx, props?.props.get(RETRY_KEY[form]))) return;
  report(
    'iac-missing-dlq',
    at,
    `${what} on a stream without an on-failure destination: ${fate(ctx, props?.props ?? new Map(), form)}`,
  );
}

/** The props of a bare mapping's options: written out, spreading nothing, with a starting position. */
function streamMapping(ctx: ModuleContext, options: Node | undefined): Props {
  const props = objectProps(ctx.valueOf(options));
  return props === undefined || props.spread || !props.props.has('startingPosition') ? undefined : props;
}

/**
 * Reports a stream mapping construct built with `kind` (its constructor's name) that has no on-failure
 * destination.
 * @example
 * streamMappingWithoutOnFailure(ctx, node, 'CfnEventSourceMapping', report) // { startingPosition: 'LATEST' } -> reported
 */
export function streamMappingWithoutOnFailure(
  ctx: ModuleContext,
  node: Node,
  kind: string,
  report: Report,
): void {
  const props = streamMapping(ctx, (node.arguments as Node[])[2]);
  if (props !== undefined)
    judgeStream(ctx, node, props, kind, kind === 'CfnEventSourceMapping' ? 'l1' : 'l2', report);
}

/**
 * Reports a `DynamoEventSource` / `KinesisEventSource` whose options (read by cdkSourceOptions.ts; undefined
 * when they cannot be read, which keeps the finding) give no on-failure destination. Options shared by
 * several stream sources are reported once, by the first of them, at the object.
 * @example
 * streamSourceWithoutOnFailure(ctx, node, 'DynamoEventSource', props, report) // { startingPosition, retryAttempts: 2 } -> reported
 */
export function streamSourceWithoutOnFailure(
  ctx: ModuleContext,
  node: Node,
  kind: string,
  props: Props,
  report: Report,
): void {
  const shared = sharedOptions(ctx, node);
  if (shared !== undefined && shared.users[0] !== node) return;
  judgeStream(ctx, shared?.object ?? node, props, kind, 'l2', report);
}

/** The stream sources, the only users of an options object whose finding moves to it. */
const STREAM_SOURCES = new Set(['DynamoEventSource', 'KinesisEventSource']);

/**
 * The options object several stream sources of the module share (`const config = { startingPosition, ... }`
 * handed to `new DynamoEventSource(tableA, config)` and `new DynamoEventSource(tableB, config)`), with those
 * sources in source order: one `onFailure` written there fixes them all, so the finding sits there, once,
 * instead of at each source as duplicates of one defect. Other constructs handed the same object do not
 * count: their use says nothing about where a stream's fix goes. Undefined for options written inline or
 * used by one source.
 */
function sharedOptions(ctx: ModuleContext, node: Node): { object: Node; users: Node[] } | undefined {
  const options = (node.arguments as Node[])[1];
  if (options?.type !== 'Identifier') return undefined;
  const object = ctx.valueOf(options);
  if (object?.type !== 'ObjectExpression') return undefined;
  const users = ctx.of('NewExpression').filter((n) => {
    const arg = (n.arguments as Node[])[1];
    if (arg?.type !== 'Identifier' || arg.name !== options.name || ctx.valueOf(arg) !== object) return false;
    return STREAM_SOURCES.has(cdkConstruct(ctx, n) ?? '');
  });
  users.sort((a, b) => (a.start as number) - (b.start as number));
  return users.length > 1 ? { object, users } : undefined;
}

/** Reports every `fn.addEventSourceMapping(id, { eventSourceArn, startingPosition })` with no onFailure. */
export function addedStreamMappings(ctx: ModuleContext, report: Report): void {
  for (const { call, options } of addedMappings(ctx)) {
    const props = streamMapping(ctx, options);
    if (props !== undefined) judgeStream(ctx, call, props, 'addEventSourceMapping', 'l2', report);
  }
}
