// Idempotency on a Lambda handler's path: random keys and record ids in consumers that are redelivered
// or retried (random-id-nondeterministic), and plain inserts in at-least-once consumers (insert-no-upsert).
import {
  calleeName,
  isBooleanLiteral,
  memberPath,
  type Node,
  objectProps,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { chainedMethods } from '../protection.js';
import type { Report } from './Report.js';

const RANDOM_CALL =
  /^(randomUUID|uuid|v4|uuidv4|uuidV4|nanoid|ulid|cuid|cuid2|createId|generateId|Math\.random|Date\.now|crypto\.randomUUID|uuid\.v4)$/;
const KEY_FIELD =
  /^(idempotency[-_]?key|x-idempotency-key|MessageDeduplicationId|ClientToken|ClientRequestToken|dedup(e|lication)?[-_]?(id|key)|deduplicationId)$/i;
const RECORD_ID_FIELD = /^(id|pk|PK|[a-zA-Z]*(Id|ID))$/;

/**
 * The value is (or is built from) a random call: `randomUUID()`, `` `CONF#${v4()}` ``, a constant holding
 * one, or a module-local helper that returns one (`const newId = () => crypto.randomUUID()`), one step deep.
 */
function isRandom(ctx: ModuleContext, value: Node | undefined, depth = 0): boolean {
  const v = ctx.valueOf(value);
  if (v === undefined) return false;
  return someDescendant({ type: 'Wrap', start: v.start, end: v.end, v } as Node, (n) => {
    // `` `CONF#${code}` `` with `const code = v4()` above.
    if (n.type === 'Identifier' && depth === 0 && n !== v) {
      const p = ctx.parentOf(n);
      if (
        (p?.type === 'MemberExpression' && p.property === n && !p.computed) ||
        (p?.type === 'Property' && p.key === n)
      )
        return false;
      const binding = ctx.resolve(n.name as string, n);
      return binding?.kind === 'const' && binding.init !== undefined && isRandom(ctx, binding.init, 1);
    }
    if (n.type !== 'CallExpression') return false;
    const path = memberPath(n.callee)?.join('.');
    if (path !== undefined && RANDOM_CALL.test(path)) return true;
    const helper =
      depth === 0 && unwrap(n.callee)?.type === 'Identifier' ? ctx.functionOf(n.callee) : undefined;
    return helper !== undefined && randomReturn(ctx, helper);
  });
}

/** A function whose returned value is random (its expression body, or a `return` in its body). */
function randomReturn(ctx: ModuleContext, fn: Node): boolean {
  const body = fn.body as Node | undefined;
  if (body === undefined) return false;
  if (body.type !== 'BlockStatement') return isRandom(ctx, body, 1);
  return someDescendant(
    body,
    (n) => n.type === 'ReturnStatement' && isRandom(ctx, n.argument as Node, 1),
    true,
  );
}

const ASYNC_EVENT =
  /\b(EventBridgeEvent|EventBridgeHandler|SNSEvent|SNSHandler|S3Event|S3Handler|ScheduledEvent)\b|\bevent\.detail\b/;

/** `Detail: JSON.stringify({ ... })` (EventBridge), `Message`/`MessageBody` (SNS/SQS), `Data` (Kinesis). */
function emittedPayload(ctx: ModuleContext, owner: Node | undefined): boolean {
  if (owner?.type !== 'CallExpression' || memberPath(owner.callee)?.join('.') !== 'JSON.stringify')
    return false;
  const prop = ctx.parentOf(owner);
  if (prop?.type !== 'Property') return false;
  return /^(Detail|Message|MessageBody|Data)$/.test(propertyName(prop.key, prop.computed) ?? '');
}

/**
 * Where a random key is made: the declarator of `const claimId = randomUUID()` when the property takes
 * the name (`PK: claimId`), so the finding points at the line to change; else the property itself.
 */
function generatedAt(ctx: ModuleContext, prop: Node): Node {
  let value = unwrap(prop.value as Node | undefined);
  // `` `CONF#${code}` ``: the key's random part is the name it interpolates.
  if (value?.type === 'TemplateLiteral') {
    const names = (value.expressions as Node[]).filter((e) => unwrap(e)?.type === 'Identifier');
    if (names.length === 1) value = unwrap(names[0]);
  }
  if (value?.type !== 'Identifier') return prop;
  const binding = ctx.resolve(value.name as string, value);
  return binding?.kind === 'const' && binding.init !== undefined ? binding.declaration : prop;
}

/** Queue and stream consumers are redelivered; EventBridge, SNS and S3 invoke asynchronously and retry. */
export function retriedConsumer(ctx: ModuleContext): boolean {
  return (
    ctx.batchHandlers.size > 0 ||
    [...ctx.handlers.values()].includes('record') ||
    ([...ctx.handlers.values()].includes('entry') && ASYNC_EVENT.test(ctx.source))
  );
}

/** `NAME#${id}`: a single-table key (type prefix and id), whatever the attribute is called. */
const PREFIXED_KEY = /^[A-Za-z_]+#$/;

function prefixedKey(ctx: ModuleContext, value: Node | undefined): boolean {
  const v = ctx.valueOf(value);
  if (v?.type !== 'TemplateLiteral') return false;
  const head = (v.quasis as Node[])[0]?.value?.cooked as string | undefined;
  return head !== undefined && PREFIXED_KEY.test(head);
}

/** `new CloudEvent({ id, ... })`: by the CloudEvents spec, `source` + `id` is how consumers tell a duplicate. */
function cloudEventId(owner: Node | undefined, key: string): boolean {
  return key === 'id' && owner?.type === 'NewExpression' && unwrap(owner.callee)?.name === 'CloudEvent';
}

function randomIdRule(ctx: ModuleContext, report: Report): void {
  const consumer = retriedConsumer(ctx);
  // A module with no handler (a data layer, an event publisher) is judged by the consumers that reach it.
  const shared = ctx.handlers.size === 0;
  for (const prop of ctx.of('Property')) {
    const key = propertyName(prop.key, prop.computed);
    if (key === undefined) continue;
    if (KEY_FIELD.test(key)) {
      if (isRandom(ctx, prop.value))
        report(
          'random-id-nondeterministic',
          generatedAt(ctx, prop),
          `${key} is random: a retry or redelivery gets a new key and runs twice`,
        );
      continue;
    }
    const onPath = consumer && ctx.handlerKindAt(prop) !== undefined;
    if (!onPath && !shared) continue;
    const parent = ctx.parentOf(prop);
    let owner = parent !== undefined ? ctx.parentOf(parent) : undefined;
    const idLike = RECORD_ID_FIELD.test(key) || prefixedKey(ctx, prop.value);
    if (!idLike && !cloudEventId(owner, key)) continue;
    if (!isRandom(ctx, prop.value)) continue;
    // In a shared module: kept when a redelivered or retried consumer reaches it (eventCallers.ts).
    const extra = shared ? { onlyIfConsumerCaller: sharedRequest(ctx, prop) } : undefined;
    const where = shared ? 'in code a retried consumer reaches' : 'in a queue consumer';
    // `Item: { id: randomUUID(), ... }` written by a queue consumer: each redelivery writes a new row.
    // `Item: marshall({ PK: randomUUID(), ... })` (util-dynamodb): the same item, marshalled.
    if (owner?.type === 'CallExpression' && /^(marshall|convertToAttr)$/.test(calleeName(owner) ?? ''))
      owner = ctx.parentOf(owner);
    const ownerKey = owner?.type === 'Property' ? propertyName(owner.key, owner.computed) : undefined;
    if (ownerKey === 'Item' || ownerKey === 'data')
      report(
        'random-id-nondeterministic',
        generatedAt(ctx, prop),
        `${key} is generated randomly ${where}: a redelivered message writes a duplicate record`,
        extra,
      );
    else if (emittedPayload(ctx, owner) || cloudEventId(owner, key))
      report(
        'random-id-nondeterministic',
        generatedAt(ctx, prop),
        `${key} of an emitted event is random ${where}: a redelivery publishes a duplicate that no consumer can recognise`,
        extra,
      );
  }
}

const CONSUMER_MODULE =
  /\b(SQSEvent|SQSHandler|SQSRecord|sqsHandler|processPartialResponse|DynamoDBStreamEvent|KinesisStreamEvent|EventBridgeEvent|EventBridgeHandler|SNSEvent|ScheduledEvent)\b|\.Records\b/;
const UPSERT_SQL =
  /on\s+conflict|on\s+duplicate\s+key|insert\s+ignore|insert\s+or\s+(ignore|replace)|\bmerge\s+into|\bwhere\s+not\s+exists/i;

function insertRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.isLambdaModule || !CONSUMER_MODULE.test(ctx.source)) return;
  const sqlNodes = [...ctx.of('Literal'), ...ctx.of('TemplateLiteral')];
  for (const node of sqlNodes) {
    const text =
      node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : undefined) : stringValue(node);
    if (text === undefined || !/^\s*insert\s+into\b/i.test(text) || UPSERT_SQL.test(text)) continue;
    if (ctx.handlerKindAt(node) === undefined) continue;
    report(
      'insert-no-upsert',
      node,
      'plain INSERT in an at-least-once consumer: a redelivered message inserts twice or fails on the unique key',
    );
  }
  for (const call of ctx.of('CallExpression')) {
    if (ctx.handlerKindAt(call) === undefined) continue;
    const name = calleeName(call);
    const path = memberPath(call.callee);
    if (path === undefined || path.length < 2) continue;
    if (name === 'insertOne' || name === 'insertMany') {
      report(
        'insert-no-upsert',
        call,
        `${name}() in an at-least-once consumer: redelivery inserts a duplicate document`,
      );
    } else if (
      (name === 'create' || name === 'createMany') &&
      path.length >= 3 &&
      /prisma|db|client/i.test(path[0] ?? '')
    ) {
      const opts = objectProps(ctx.valueOf(call.arguments[0]));
      if (name === 'createMany' && isBooleanLiteral(opts?.props.get('skipDuplicates'), true)) continue;
      report(
        'insert-no-upsert',
        call,
        `${path.join('.')}() in an at-least-once consumer: redelivery creates a duplicate row`,
      );
    } else if (name === 'insert' && /knex|db|trx|query/i.test(path[0] ?? '')) {
      const chain = chainedMethods(ctx, call);
      if (chain.includes('onConflict') || chain.includes('onDuplicateUpdate')) continue;
      report(
        'insert-no-upsert',
        call,
        'insert() without onConflict in an at-least-once consumer: redelivery inserts twice',
      );
    }
  }
}

export function idempotencyRules(ctx: ModuleContext, report: Report): void {
  randomIdRule(ctx, report);
  insertRule(ctx, report);
}
