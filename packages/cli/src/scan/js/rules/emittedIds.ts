// Ids a consumer sends to another service inside what it emits: a message or event body (SQS
// `MessageBody`, SNS `Message`/`MessageAttributes`, EventBridge `Detail`, Kinesis `Data`), an HTTP request's
// body, or an id-like query parameter of a request URL (`?id=${uuidv1()}`). Made per attempt, a redelivered
// record emits the same thing under a new id the receiver cannot recognise as the repeat.
import {
  calleeName,
  hasProperty,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import type { Report } from './Report.js';
import { isRandom, RECORD_ID_FIELD } from './randomValues.js';

/** Where a message's payload goes: what the receiver reads (the body, the event detail, the attributes). */
const PAYLOAD_KEY = /^(MessageBody|Message|MessageAttributes|Detail|Data|body)$/;
/** An HTTP request's body in a request config (`axios({ url, data })`, `fetch(url, { method, body })`). */
const REQUEST_KEY = /^(url|uri|method)$/;
/**
 * Parts of a send that are not its payload: headers, a batch entry's `Id` that only names it in the call,
 * and a record a write stores (`Item`, `Key`: judged as a record by the rest of the rule).
 */
const NOT_PAYLOAD = /^(headers|Entries|Records|MessageGroupId|Item|Key|ExpressionAttributeValues)$/;
/** A call that sends what it is given: a project's `sendMessageToParticipant`, SDK v2's `publish`. */
const SEND_CALL = /^(send|publish|emit|dispatch|notify|enqueue|post)([A-Z_]|$)/;
/** HTTP clients and their verb methods, whose first argument may be the URL. */
const HTTP_CALL = /^(axios|fetch|got|ky|request|superagent|needle|get|post|put|patch|delete|del|head)$/;
/** Callee objects that only record what they are given. */
const LOGGER = /^(log|logger|console|Logger|metrics|tracer)$/;
/** An id in kebab case, as event envelopes spell it (`event-id`, `message-id`). */
const KEBAB_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-id$/i;
/** Ids for tracing and log correlation: nobody deduplicates on them. */
const TRACE_ID = /^(x-)?(trace|span|correlation|causation|amzn-trace|request)[-_]?id$/i;
/**
 * A FIFO ordering group (`MessageGroupId`) carried in a payload: it orders messages, nobody deduplicates on
 * it. Only the SQS/SNS field name: a bare `groupId` is usually a domain entity's id (a chat or user group).
 */
const GROUP_ID = /^[Mm]essage[-_]?[Gg]roup[-_]?[Ii]d$/;
/**
 * Is `key` a tracing or log-correlation id (`correlationId`, `x-trace-id`) or an ordering group
 * (`MessageGroupId`), which nobody deduplicates on?
 */
export function traceIdKey(key: string): boolean {
  return TRACE_ID.test(key) || GROUP_ID.test(key);
}
/** A query parameter just before an interpolation: `?id=`, `&requestId=`. */
export const QUERY_PARAM = /[?&]([A-Za-z][\w-]*)=$/;

/** Is `key` named like the id of what is emitted (and not a trace or correlation id)? */
export function emittedIdKey(key: string): boolean {
  return (RECORD_ID_FIELD.test(key) || KEBAB_ID.test(key)) && !traceIdKey(key);
}

/** References to the binding `declaration` declares for `name`, within its scope. */
function referencesOf(ctx: ModuleContext, name: string, declaration: Node): Node[] {
  const binding = ctx.resolve(name, declaration);
  const scope = binding?.scope ?? ctx.program;
  const refs: Node[] = [];
  someDescendant(scope, (n) => {
    if (n.type !== 'Identifier' || n.name !== name) return false;
    const p = ctx.parentOf(n);
    if (p === declaration || isKeyName(ctx, n)) return false;
    if (ctx.resolve(name, n)?.declaration === declaration) refs.push(n);
    return false;
  });
  return refs;
}

/** The names a value is held by next: `const x = value` or `x = value`, with their references. */
function heldBy(ctx: ModuleContext, node: Node, parent: Node | undefined): Node[] {
  if (parent?.type === 'VariableDeclarator' && unwrap(parent.init as Node) === node) {
    const id = unwrap(parent.id as Node);
    return id?.type === 'Identifier' ? referencesOf(ctx, id.name as string, parent) : [];
  }
  if (parent?.type === 'AssignmentExpression' && unwrap(parent.right as Node) === node) {
    const left = unwrap(parent.left as Node);
    if (left?.type !== 'Identifier') return [];
    const declaration = ctx.resolve(left.name as string, left)?.declaration;
    return declaration !== undefined ? referencesOf(ctx, left.name as string, declaration) : [];
  }
  return [];
}

/**
 * Does `node` (an object holding the id, or a value built from it) end up in the payload of something
 * sent: under a payload key, JSON-serialised into one, or nested in the argument of a sending call? A
 * property of the call's own parameters (`sendMessage({ MessageGroupId })`) is no payload: `nested` says
 * whether a level was crossed.
 */
function reachesPayload(ctx: ModuleContext, start: Node, nested: boolean, depth: number): boolean {
  let n = start;
  for (;;) {
    const p = ctx.parentOf(n);
    if (p?.type === 'Property' && p.value === n) {
      const key = propertyName(p.key, p.computed) ?? '';
      const owner = ctx.parentOf(p);
      if (PAYLOAD_KEY.test(key)) return true;
      if (key === 'data' && owner?.type === 'ObjectExpression' && hasProperty(owner, REQUEST_KEY))
        return true;
      if (NOT_PAYLOAD.test(key) || owner === undefined) return false;
      n = owner;
      nested = true;
      continue;
    }
    if (
      p?.type === 'ArrayExpression' ||
      p?.type === 'TSAsExpression' ||
      p?.type === 'ParenthesizedExpression'
    ) {
      n = p;
      continue;
    }
    if (p?.type === 'CallExpression' && (p.arguments as Node[]).includes(n)) {
      const path = memberPath(p.callee as Node);
      if (path?.join('.') === 'JSON.stringify') {
        n = p;
        nested = true;
        continue;
      }
      const name = calleeName(p) ?? '';
      if (path !== undefined && path.length > 1 && LOGGER.test(path[0] as string)) return false;
      if (nested && (SEND_CALL.test(name) || HTTP_CALL.test(name))) return true;
      // A local wrapper (`asStringVal(JSON.stringify(m))`): its answer carries the value on.
      if (unwrap(p.callee as Node)?.type !== 'Identifier') return false;
      n = p;
      continue;
    }
    if (depth >= 3) return false;
    return heldBy(ctx, n, p).some((ref) => reachesPayload(ctx, ref, nested, depth + 1));
  }
}

/** Is the object literal holding an id-like property part of an emitted payload? */
export function emittedObject(ctx: ModuleContext, object: Node | undefined): boolean {
  return object?.type === 'ObjectExpression' && reachesPayload(ctx, object, false, 0);
}

/** Is the URL template `url` sent as a request: a `url:` of a request config, or an HTTP call's first argument? */
export function requestUrl(ctx: ModuleContext, url: Node, depth = 0): boolean {
  const p = ctx.parentOf(url);
  if (p?.type === 'Property' && p.value === url)
    return /^(url|uri)$/.test(propertyName(p.key, p.computed) ?? '');
  if (p?.type === 'CallExpression')
    return (p.arguments as Node[])[0] === url && HTTP_CALL.test(calleeName(p) ?? '');
  if (depth >= 2) return false;
  return heldBy(ctx, url, p).some((ref) => requestUrl(ctx, ref, depth + 1));
}

/**
 * The query parameter a random call is interpolated as in a request URL (`?id=${uuidv1()}`), when it
 * is named like an id and the URL is requested: undefined otherwise.
 */
export function randomQueryId(ctx: ModuleContext, call: Node): string | undefined {
  const template = ctx.parentOf(call);
  if (template?.type !== 'TemplateLiteral') return undefined;
  const index = (template.expressions as Node[]).indexOf(call);
  const before = (template.quasis as Node[])[index]?.value?.cooked as string | undefined;
  const param = before !== undefined ? QUERY_PARAM.exec(before)?.[1] : undefined;
  if (param === undefined || !emittedIdKey(param) || !isRandom(ctx, call)) return undefined;
  return requestUrl(ctx, template, 0) ? param : undefined;
}

/**
 * Is `node` in a function the module exports and its handler path calls as `exports.name(...)` (CommonJS,
 * written so tests can stub it)? Such a helper runs on every delivery like the handler that calls it.
 */
export function calledThroughExports(ctx: ModuleContext, node: Node): boolean {
  let fn = ctx.enclosingFunction(node);
  for (let outer = fn; outer !== undefined; outer = ctx.enclosingFunction(outer)) fn = outer;
  if (fn === undefined) return false;
  let name: string | undefined;
  for (const [exported, value] of ctx.exports) if (ctx.functionOf(value) === fn) name = exported;
  if (name === undefined) return false;
  return ctx.of('CallExpression').some((call) => {
    const path = memberPath(call.callee as Node);
    return (
      path !== undefined &&
      path.join('.').replace(/^module\./, '') === `exports.${name}` &&
      ctx.handlerKindAt(call) !== undefined
    );
  });
}

/**
 * Was an id of the same emitted object reported on the line before (`actionId: uuidv1(),` then
 * `subId: uuidv1(),`)? Ids made side by side are one fix, so one finding.
 */
export function adjacentId(
  ctx: ModuleContext,
  emitted: Map<Node, number>,
  object: Node,
  prop: Node,
): boolean {
  const last = emitted.get(object);
  return last !== undefined && ctx.position(prop.start as number).line - last <= 1;
}

/**
 * `?id=${uuidv1()}` in the URL of a request a consumer sends: a redelivery reaches the receiver under a new
 * request id it cannot recognise as the repeat.
 */
export function queryIdRule(
  ctx: ModuleContext,
  report: Report,
  view: ConsumerView,
  shared: boolean,
  call: Node,
): void {
  if (!shared && !view.consumer) return;
  const param = randomQueryId(ctx, call);
  if (param !== undefined) reportQueryId(ctx, report, view, shared, call, param, 'is random');
}

/**
 * Reports the random `param` query parameter at `at` (the random call, or the const it initialises): in a
 * shared module, kept when a retried consumer reaches it; else when `at` is in a handler or reached through
 * the module's exports. Shared by the call written in the URL (above) and the id handed down to the helper
 * that sends it (passedQueryIds.ts), which differ only in how the message says the id was made.
 * @example
 * reportQueryId(ctx, report, view, false, call, 'requestId', 'is random') // in a queue consumer -> reported
 */
export function reportQueryId(
  ctx: ModuleContext,
  report: Report,
  view: ConsumerView,
  shared: boolean,
  at: Node,
  param: string,
  made: 'is random' | 'is made randomly',
): void {
  if (!shared && ctx.handlerKindAt(at) === undefined && !calledThroughExports(ctx, at)) return;
  report(
    'random-id-nondeterministic',
    at,
    `the request's ${param} query parameter ${made} ${shared ? 'in code a retried consumer reaches' : 'in a queue consumer'}: a redelivery sends the request again under an id the receiver cannot recognise`,
    shared ? { onlyIfConsumerCaller: sharedRequest(ctx, at) } : view.extra,
  );
}
