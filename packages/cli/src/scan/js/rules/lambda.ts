// Rules about code on a Lambda handler's path: partial batch failures, Promise.all over records,
// work left running after return, console logging, random idempotency keys, plain inserts in
// at-least-once consumers, and breakers whose state lives in one instance.
import {
  calleeName,
  isBooleanLiteral,
  isFunction,
  memberPath,
  type Node,
  objectProps,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import { doesWork, worksPerRecord } from '../handlerFacts.js';
import type { ModuleContext } from '../ModuleContext.js';
import { chainedMethods, isRelative } from '../protection.js';
import { isSdkSend } from '../sdkSend.js';
import { classifyHttpCall } from './http.js';
import type { Report, Rule } from './Report.js';

function exportNameOf(ctx: ModuleContext, fn: Node): string | undefined {
  for (const [name, value] of ctx.exports) {
    if (value === fn) return name;
    if (
      value.type === 'CallExpression' &&
      someDescendant(value, (n) => n === fn || (n.type === 'Identifier' && ctx.functionOf(n) === fn))
    )
      return name;
  }
  return undefined;
}

const WRONG_IDS = new Set(['body', 'receiptHandle', 'eventSourceARN', 'md5OfBody', 'eventID']);

function batchRule(ctx: ModuleContext, report: Report): void {
  for (const fn of ctx.batchHandlers) {
    const text = ctx.source.slice(fn.start, fn.end);
    const name = exportNameOf(ctx, fn);
    const extra = name !== undefined ? { handlerExport: name } : undefined;
    // Powertools or Bulwark build batchItemFailures for the handler.
    if (/\b(processPartialResponse|processPartialResponseSync|BatchProcessor|sqsHandler)\b/.test(text))
      continue;
    if (text.includes('batchItemFailures')) {
      let wrong: Node | undefined;
      someDescendant(fn.body, (n) => {
        if (wrong) return true;
        if (n.type === 'Property' && propertyName(n.key, n.computed) === 'itemIdentifier') {
          const v = unwrap(n.value);
          const target = unwrap(v?.type === 'LogicalExpression' ? v.left : v);
          const last =
            target?.type === 'MemberExpression' ? propertyName(target.property, target.computed) : undefined;
          if (last !== undefined && WRONG_IDS.has(last)) wrong = n;
        }
        return wrong !== undefined;
      });
      if (wrong !== undefined)
        report(
          'batch-no-partial-failure',
          wrong,
          'itemIdentifier is not the record id (messageId / sequence number): Lambda treats the whole batch as failed',
          extra,
        );
      continue;
    }
    // A handler that only logs (no await, no throw, no call but console/logger/JSON.stringify) cannot fail a
    // record, and one that never works on the records one by one (a single batch-wide call) has no
    // record to name: the whole batch's redelivery is the right answer to its failure.
    if (!doesWork(fn) || !worksPerRecord(ctx, fn)) continue;
    const single =
      /\.Records\s*\[\s*0\s*\]/.test(text) &&
      !/\.Records\s*\.\s*(map|forEach|filter|reduce|length)|of\s+\w+\.Records|\.Records\s*\)/.test(text);
    const catches = someDescendant(
      fn.body,
      (n) => n.type === 'CatchClause' && !someDescendant(n.body, (m) => m.type === 'ThrowStatement', true),
    );
    const message = single
      ? 'batch handler reads only Records[0]: every other record in the batch is deleted unprocessed'
      : catches
        ? 'batch handler catches record failures but returns no batchItemFailures: failed records are deleted'
        : 'batch handler has no batchItemFailures: one failed record makes the whole batch redeliver';
    report('batch-no-partial-failure', fn, message, extra);
  }
}

const RECORDS = /(^|\.)(Records|records|messages|batch|items|events|entries)$/;

function promiseAllRule(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'all') continue;
    const path = memberPath(call.callee)?.join('.');
    if (path !== 'Promise.all') continue;
    const kind = ctx.handlerKindAt(call);
    if (kind === undefined || kind === 'record') continue;
    const arg = ctx.valueOf(call.arguments[0]);
    if (arg?.type !== 'CallExpression' || calleeName(arg) !== 'map') continue;
    const collection = memberPath(unwrap(arg.callee)?.object)?.join('.');
    if (collection === undefined || !RECORDS.test(collection)) continue;
    const cb = ctx.valueOf(arg.arguments[0]);
    if (cb !== undefined && isFunction(cb)) {
      const guarded =
        someDescendant(cb.body, (n) => n.type === 'TryStatement' && n.handler != null, true) ||
        someDescendant(cb.body, (n) => n.type === 'CallExpression' && calleeName(n) === 'catch', true);
      if (guarded) continue;
    }
    report(
      'promise-all-no-partial',
      call,
      `Promise.all over ${collection}: the first failure rejects the batch and the other outcomes are lost`,
    );
  }
}

function isPromiseCall(ctx: ModuleContext, call: Node): boolean | { source: string; name: string } {
  if (classifyHttpCall(ctx, call) !== undefined) return true;
  const callee = unwrap(call.callee);
  const name = calleeName(call);
  if (callee?.type === 'MemberExpression') {
    if (isSdkSend(ctx, call)) return true;
    if (name === 'then' || name === 'finally') return true;
    if (name === 'catch' && unwrap(callee.object)?.type === 'CallExpression') return true;
    if (name === 'promise' && call.arguments.length === 0) return true;
    if (name === 'forEach') {
      const cb = ctx.valueOf(call.arguments[0]);
      return cb !== undefined && isFunction(cb) && cb.async === true;
    }
    if (name === 'execute' || name === 'fetch') return true;
    return false;
  }
  if (callee?.type === 'Identifier') {
    const fn = ctx.functionOf(callee);
    if (fn !== undefined) return fn.async === true;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp !== undefined && isRelative(imp.source)) return { source: imp.source, name: imp.imported };
  }
  return false;
}

function floatingRule(ctx: ModuleContext, report: Report): void {
  for (const stmt of ctx.of('ExpressionStatement')) {
    if (ctx.handlerKindAt(stmt) === undefined) continue;
    let e = unwrap(stmt.expression);
    const voided = e?.type === 'UnaryExpression' && e.operator === 'void';
    if (voided) e = unwrap(e?.argument);
    if (e?.type !== 'CallExpression') continue;
    const promise = isPromiseCall(ctx, e);
    if (promise === false) continue;
    const what = memberPath(e.callee)?.join('.') ?? 'call';
    const message =
      calleeName(e) === 'forEach'
        ? 'forEach(async ...) does not wait: the handler returns before the records are processed'
        : `${voided ? 'void ' : ''}${what}(...) is not awaited: Lambda may freeze before it finishes`;
    if (promise === true) report('floating-promise', e, message);
    else report('floating-promise', e, message, { onlyIfImportAsync: { from: ctx.file, ...promise } });
  }
}

/** `console.log(JSON.stringify({ level, ... }))`: structured JSON with a level, as CloudWatch reads it. */
function structuredJson(ctx: ModuleContext, call: Node): boolean {
  const arg = unwrap((call.arguments as Node[])[0]);
  if ((call.arguments as Node[]).length !== 1 || arg?.type !== 'CallExpression') return false;
  if (memberPath(arg.callee)?.join('.') !== 'JSON.stringify') return false;
  const fields = objectProps(ctx.valueOf((arg.arguments as Node[])[0]));
  return fields !== undefined && (fields.props.has('level') || fields.props.has('severity'));
}

/**
 * One finding per module, at its first unstructured console call, with the count: a repository's number
 * of console calls says how widespread the habit is, not how many fixes it needs (one logger per module).
 */
function consoleRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.isLambdaModule) return;
  const calls: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(call.callee);
    if (path?.length !== 2 || path[0] !== 'console') continue;
    if (!/^(log|info|warn|error|debug|trace)$/.test(path[1] ?? '')) continue;
    const callee = unwrap(call.callee);
    if (!ctx.isGlobal('console', callee?.object as Node)) continue;
    if (structuredJson(ctx, call)) continue;
    calls.push(call);
  }
  if (calls.length === 0) return;
  calls.sort((a, b) => a.start - b.start);
  const first = calls[0] as Node;
  const method = memberPath(first.callee)?.[1] ?? 'log';
  report(
    'console-logging',
    first,
    calls.length === 1
      ? `console.${method} in a Lambda module: unstructured, no level control or request context`
      : `${calls.length} console calls in this Lambda module (the first here): unstructured, no level control or request context`,
  );
}

const RANDOM_CALL =
  /^(randomUUID|uuid|v4|uuidv4|uuidV4|nanoid|ulid|cuid|cuid2|createId|generateId|Math\.random|Date\.now|crypto\.randomUUID|uuid\.v4)$/;
const KEY_FIELD =
  /^(idempotency[-_]?key|x-idempotency-key|MessageDeduplicationId|ClientToken|ClientRequestToken|dedup(e|lication)?[-_]?(id|key)|deduplicationId)$/i;
const RECORD_ID_FIELD = /^(id|pk|PK|[a-zA-Z]*(Id|ID))$/;

function isRandom(ctx: ModuleContext, value: Node | undefined): boolean {
  const v = ctx.valueOf(value);
  if (v === undefined) return false;
  return someDescendant({ type: 'Wrap', start: v.start, end: v.end, v } as Node, (n) => {
    if (n.type !== 'CallExpression') return false;
    const path = memberPath(n.callee)?.join('.');
    return path !== undefined && RANDOM_CALL.test(path);
  });
}

const ASYNC_EVENT =
  /\b(EventBridgeEvent|EventBridgeHandler|SNSEvent|SNSHandler|S3Event|S3Handler|ScheduledEvent)\b|\bevent\.detail\b/;

function randomIdRule(ctx: ModuleContext, report: Report): void {
  // Queue and stream consumers are redelivered; EventBridge, SNS and S3 invoke asynchronously and retry.
  const consumer =
    ctx.batchHandlers.size > 0 ||
    [...ctx.handlers.values()].includes('record') ||
    ([...ctx.handlers.values()].includes('entry') && ASYNC_EVENT.test(ctx.source));
  for (const prop of ctx.of('Property')) {
    const key = propertyName(prop.key, prop.computed);
    if (key === undefined) continue;
    if (KEY_FIELD.test(key)) {
      if (isRandom(ctx, prop.value))
        report(
          'random-id-nondeterministic',
          prop,
          `${key} is random: a retry or redelivery gets a new key and runs twice`,
        );
      continue;
    }
    if (!consumer || !RECORD_ID_FIELD.test(key) || ctx.handlerKindAt(prop) === undefined) continue;
    // `Item: { id: randomUUID(), ... }` written by a queue consumer: each redelivery writes a new row.
    const parent = ctx.parentOf(prop);
    const owner = parent !== undefined ? ctx.parentOf(parent) : undefined;
    const ownerKey = owner?.type === 'Property' ? propertyName(owner.key, owner.computed) : undefined;
    if ((ownerKey === 'Item' || ownerKey === 'data') && isRandom(ctx, prop.value))
      report(
        'random-id-nondeterministic',
        prop,
        `${key} is generated randomly in a queue consumer: a redelivered message writes a duplicate record`,
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

function breakerStateRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.isLambdaModule) return;
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call);
    if (name === 'circuitBreaker' && ctx.importRoot(call.callee)?.source === 'cockatiel') {
      report(
        'in-process-breaker-state',
        call,
        'cockatiel circuitBreaker in a Lambda: its state lives in one execution environment',
      );
    }
    // A wrapDependency breaker is not reported: per instance is its documented default (it still stops
    // one warm instance's retries), and `sharedState` is the opt-in for fleet-wide state.
  }
  for (const node of ctx.of('NewExpression')) {
    if (ctx.importRoot(node.callee)?.source === 'opossum')
      report(
        'in-process-breaker-state',
        node,
        'opossum CircuitBreaker in a Lambda: its state lives in one execution environment',
      );
  }
}

export const lambdaRules: Rule = (ctx: ModuleContext, report: Report) => {
  batchRule(ctx, report);
  promiseAllRule(ctx, report);
  floatingRule(ctx, report);
  consoleRule(ctx, report);
  randomIdRule(ctx, report);
  insertRule(ctx, report);
  breakerStateRule(ctx, report);
};
