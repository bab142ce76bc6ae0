// The types and shapes that say a function is a Lambda handler's, and which handlers consume a queue or
// stream batch (the ones batch-no-partial-failure judges). Kept apart from handlerDiscovery.ts, which finds
// the handlers a module exports.
import { type Node, someDescendant } from './ast.js';
import { declaresBatchShape } from './localEventShapes.js';
import type { ModuleContext } from './ModuleContext.js';
import { namedRecordCallbackReadsPolled } from './recordCallbacks.js';

const BATCH_TYPES = /^(SQS|Kinesis|KinesisStream|DynamoDBStream)(Event|Handler)$/;

/** The name of a type annotation's referenced type (`SQSEvent` of `event: SQSEvent`, `Handler` of `lambda.Handler`). */
export function typeNameOf(annotation: Node | undefined): string | undefined {
  const t = annotation?.typeAnnotation;
  if (t?.type !== 'TSTypeReference') return undefined;
  const name = t.typeName;
  if (name?.type === 'Identifier') return name.name as string;
  if (name?.type === 'TSQualifiedName') return name.right?.name as string;
  return undefined;
}

/** The referenced type names of a union annotation (`SQSEvent | ApiRecord`); none for any other type. */
function unionMembers(annotation: Node | undefined): string[] {
  const t = annotation?.typeAnnotation;
  if (t?.type !== 'TSUnionType') return [];
  return (t.types as Node[]).flatMap((m) => typeNameOf({ typeAnnotation: m } as unknown as Node) ?? []);
}

/** The type a function is declared with through its variable (`const handler: SQSHandler = ...`). */
export function declaredTypeOf(ctx: ModuleContext, fn: Node): string | undefined {
  const parent = ctx.parentOf(fn);
  if (parent?.type === 'VariableDeclarator') return typeNameOf(parent.id?.typeAnnotation);
  return undefined;
}

/**
 * A handler of a queue or stream batch: typed so (`SQSEvent`, `KinesisStreamEvent`), or untyped and reading
 * `event.Records` with a field only such records carry, or filed under its source.
 *
 * @example
 * isBatch(ctx, fn) // async (event) => { for (const r of event.Records) await save(JSON.parse(r.body)); } -> true
 */
export function isBatch(ctx: ModuleContext, fn: Node): boolean {
  const declared = declaredTypeOf(ctx, fn);
  if (declared !== undefined && BATCH_TYPES.test(declared)) return true;
  const first = (fn.params as Node[])[0];
  const firstType = first ? typeNameOf(first.typeAnnotation) : undefined;
  // `event: SQSEvent | ApiRecord`: one handler for a queue and a direct invocation still takes the batch.
  if (firstType === undefined && unionMembers(first?.typeAnnotation).some((t) => BATCH_TYPES.test(t)))
    return true;
  if (firstType !== undefined)
    return BATCH_TYPES.test(firstType) || declaresBatchShape(ctx.source, firstType);
  // `async ({ Records }) =>`: the event destructured in the parameter list reads its records the same way.
  const records = first?.type === 'ObjectPattern' ? destructuredRecords(first) : undefined;
  if (first?.type !== 'Identifier' && records === undefined) return false;
  return recordsShowBatch(ctx, fn, first?.name as string, records, 0) === true;
}

/**
 * Whether the records `fn` reads of its event (`event`, or the `records` destructured from it) are a queue
 * or stream batch; undefined when `fn` reads no records of it. A callback-era handler hands its event on to
 * a function of its module (`getToken().then(() => exportable.processRecords(config, event))`), which loops
 * over `event.Records`: the event is followed into such functions, a few calls deep.
 */
function recordsShowBatch(
  ctx: ModuleContext,
  fn: Node,
  event: string,
  records: string | undefined,
  depth: number,
): boolean | undefined {
  // Untyped (or typed `any`): reads `event.Records`, also as `const { Records } = event`, and a field only
  // SQS/stream records have.
  const src = ctx.source.slice(fn.start, fn.end);
  if (records === undefined && !readsRecordsOf(src, event)) {
    // Only a callback-era entry (`function handler(event, context, cb)`, not async) is followed: an async
    // entry handing its event on is judged through its delegate (rules/batchLocalDelegates.ts, and
    // sharedBatchServes.ts for an imported one), where the finding and its exemptions already live.
    if (depth >= 3 || (depth === 0 && !callbackEra(fn))) return undefined;
    let found: boolean | undefined;
    for (const [helper, param] of eventTakers(ctx, fn, event)) {
      found = recordsShowBatch(ctx, helper, param, undefined, depth + 1) ?? found;
      if (found === true) return true;
    }
    return found;
  }
  // SQS records carry a body (an S3 notification delivered through SQS included); stream records a
  // kinesis/dynamodb field, and S3/SNS events neither.
  // An SES receipt's record carries `ses.mail`, whose own `messageId` is no SQS field: a record taken apart
  // as an SES, SNS or S3 notification (one record per invocation, no batch API) with no SQS-only field read
  // is no batch, whatever else names a `messageId`.
  if (
    ONE_RECORD_SHAPE.test(src) &&
    !/\.(body|receiptHandle)\b/.test(src) &&
    !SQS_FIELDS_DESTRUCTURED.test(src)
  )
    return false;
  if (/\.(body|messageId|receiptHandle)\b/.test(src) || SQS_FIELDS_DESTRUCTURED.test(src)) return true;
  if (records !== undefined && sqsFieldsInCallback(records).test(src)) return true;
  if (namedRecordCallbackReadsPolled(ctx, fn, records)) return true;
  if (/\.(s3|Sns|ses|codecommit|cf)\b/.test(src)) return false;
  // Records handed whole to a decoder (`Event.fromRecord(record)`) show no source field: a module filed
  // under its source (`kinesis/udp-events.js`, `sqs/worker.js`, `orders-queue-consumer.ts`) names it.
  return (
    /\.(kinesis|dynamodb)\b|['"]aws:(kinesis|dynamodb)['"]/.test(src) ||
    STREAM_FIELDS_DESTRUCTURED.test(src) ||
    SOURCE_NAMED.test(ctx.file.split('/').slice(-3).join('/'))
  );
}

/** A callback-era entry: not async, and given Lambda's callback as its third parameter. */
function callbackEra(fn: Node): boolean {
  return fn.async !== true && (fn.params as Node[])[2]?.type === 'Identifier';
}

/**
 * The functions of this module `fn` hands its event to, each with the parameter that takes it:
 * `processRecords(config, event)`, also inside a `.then` step or a `new Promise` executor of `fn`, and through
 * the module's exports object (`exportable.processRecords(...)`, ownExportCalls.ts).
 */
function eventTakers(ctx: ModuleContext, fn: Node, event: string): [Node, string][] {
  const out: [Node, string][] = [];
  someDescendant(fn.body, (n) => {
    if (n.type !== 'CallExpression') return false;
    const index = (n.arguments as Node[]).findIndex((a) => a.type === 'Identifier' && a.name === event);
    if (index < 0) return false;
    const helper = ctx.functionOf(n.callee as Node);
    const param = helper === undefined || helper === fn ? undefined : (helper.params as Node[])[index];
    if (param?.type === 'Identifier') out.push([helper as Node, param.name as string]);
    return false;
  });
  return out;
}

/**
 * An SQS record's own fields (body, messageId, receiptHandle, md5OfBody) destructured out of a record
 * (`let { body } = event.Records[0]`, `for (const { body, messageId } of event.Records)`), or the source
 * an SQS record names (`eventSource === 'aws:sqs'`).
 */
const SQS_FIELDS_DESTRUCTURED =
  /\{[^{}]*\b(body|messageId|receiptHandle|md5OfBody)\b[^{}]*\}\s*(=\s*[\w$.]*\.Records\b|of\s+[\w$.]*\.Records\b)|['"]aws:sqs['"]/;

/**
 * The payload key of an SES, SNS or direct S3 notification record read or taken apart (`record.ses.mail`,
 * `for (const { ses: { mail } } of event.Records)`, `({ Sns: { Message } })`, `record.s3.object`).
 */
const ONE_RECORD_SHAPE = /\.(ses|Sns)\b|\.s3\.(object|bucket)\b|[{,]\s*(ses|Sns|s3)\s*:\s*\{/;

/**
 * A stream record's own payload field taken apart (`const { eventName, dynamodb } = event.Records[0]`,
 * `const { kinesis } = record`): as telling as `record.dynamodb`, and S3/SNS records carry neither.
 */
const STREAM_FIELDS_DESTRUCTURED = /\{[^{}]*\b(kinesis|dynamodb)\b[^{}]*\}\s*=/;

/** Whether the body reads the event's records: `event.Records`, `event?.Records` or `const { Records } = event`. */
function readsRecordsOf(src: string, event: string): boolean {
  if (src.includes(`${event}.Records`) || src.includes(`${event}?.Records`)) return true;
  const name = event.replace(/\$/g, '\\$');
  return new RegExp(`\\{[^{}]*\\bRecords\\b[^{}]*\\}\\s*=\\s*${name}\\b`).test(src);
}

/** A path segment (or a word of one) that names a queue or stream source. */
const SOURCE_NAMED = /(^|[/_.-])(sqs|kinesis|queues?|streams?)([/_.-]|$)/i;

/** The local name of `Records` destructured from the event parameter (`{ Records }`, `{ Records: rs }`). */
function destructuredRecords(pattern: Node): string | undefined {
  for (const p of (pattern.properties as Node[]) ?? []) {
    if (p.type !== 'Property' || p.computed === true || p.key?.name !== 'Records') continue;
    return p.value?.type === 'Identifier' ? (p.value.name as string) : undefined;
  }
  return undefined;
}

/**
 * An SQS record's fields destructured by the per-record callback over the destructured records
 * (`Records.map(({ body }) => ...)`, `rs.forEach(async ({ messageId, body }) => ...)`).
 */
function sqsFieldsInCallback(records: string): RegExp {
  return new RegExp(
    `\\b${records}\\.(?:map|forEach|flatMap)\\(\\s*(?:async\\s*)?\\(\\s*\\{[^{}]*\\b(?:body|messageId|receiptHandle)\\b`,
  );
}
