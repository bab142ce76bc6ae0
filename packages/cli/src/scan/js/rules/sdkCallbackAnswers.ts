// An aws-sdk v2 call that takes a node-style callback (`kinesis.putRecord(params, cb)`,
// `s3.putObject(params).send(cb)`) hands its outcome to that callback, never to a promise. When the handler
// answers the invocation before the callback runs, the outcome is cut off:
// - a callback-era handler that calls its `callback` (or `context.succeed`/`done`/`fail`) afterwards on the
//   same path has answered already; Lambda ignores a second callback call, so the call's error is never
//   seen (and where `callbackWaitsForEmptyEventLoop` is off, or with `context.*`, it is frozen mid-flight);
// - an async handler's invocation ends when its promise settles, and nothing ties the callback to it.
// The same holds for `req.end()` of a Node `http`/`https` request in an async function: the response
// arrives on events the function's promise does not wait for (the Lambda Node.js handler page wraps
// `https.get` in a `new Promise` for this reason).
// The callback-era default wait (the loop drains) is why a dropped *promise* there is not reported; a
// callback's error has no unhandled rejection to fail the invocation, so this case is.
import { calleeName, forEachDescendant, isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isClientRequest } from './callbackEraAnswers.js';
import { v2ClientName } from './sdkV2Clients.js';

const LOCAL_METHODS = /^(on|once|addListener|removeListener|getSignedUrl|createPresignedPost)$/;

/**
 * `client.method(params, cb)` or `client.method(params).send(cb)` of an aws-sdk v2 client, with its callback:
 * the method's name, or undefined.
 *
 * @example
 * sdkCallWithCallback(ctx, call) // sqs.sendMessage(params, (err) => log(err)) -> 'sendMessage'
 */
export function sdkCallWithCallback(ctx: ModuleContext, call: Node): string | undefined {
  const args = call.arguments as Node[];
  const last = unwrap(args.at(-1));
  if (last === undefined || (!isFunction(last) && last.type !== 'Identifier')) return undefined;
  let target = call;
  if (calleeName(call) === 'send' && args.length === 1) {
    const inner = unwrap(unwrap(call.callee)?.object);
    if (inner?.type !== 'CallExpression') return undefined;
    target = inner;
  } else if (args.length < 2) return undefined;
  const callee = unwrap(target.callee);
  if (callee?.type !== 'MemberExpression' || !isV2Client(ctx, callee.object as Node)) return undefined;
  const method = propertyName(callee.property, callee.computed as boolean);
  // Event subscriptions and a presign (signed locally) are not requests left in flight.
  return method === undefined || LOCAL_METHODS.test(method) ? undefined : method;
}

/**
 * A name bound (`const`, `let` or callback-era `var`) to `new AWS.Kinesis(...)`, `new AWS.DynamoDB.DocumentClient()`
 * or `new S3()` of aws-sdk v2 (`aws-sdk`, `aws-sdk/clients/*`), or such a `new` expression itself. v3 clients take `send(command, cb)` too, but
 * are not read here.
 */
function isV2Client(ctx: ModuleContext, receiver: Node): boolean {
  const r = unwrap(receiver);
  const binding = r?.type === 'Identifier' ? ctx.resolve(r.name as string, r) : undefined;
  // A client made in place (`new AWS.S3().getObject(params, cb)`) is one too.
  const made = r?.type === 'NewExpression' ? r : unwrap(binding?.init as Node | undefined);
  // The SDK imported, captured by X-Ray, or a class alias chosen between the two (sdkV2Clients.ts).
  return made?.type === 'NewExpression' && v2ClientName(ctx, made.callee as Node) !== undefined;
}

/**
 * `req.end()` of a Node ClientRequest made in this function, with nothing after it awaiting the request
 * (`await once(req, 'response')`, `await finished(req)`).
 */
function endsRequestUnwaited(ctx: ModuleContext, call: Node, fn: Node): boolean {
  if (calleeName(call) !== 'end') return false;
  const req = unwrap(unwrap(call.callee)?.object);
  if (req?.type !== 'Identifier' || !isClientRequest(ctx, req)) return false;
  const after = ctx.source.slice(call.end, fn.end);
  return !new RegExp(`\\bawait\\b[^;]*\\b${(req.name as string).replace(/[$]/g, '\\$')}\\b`).test(after);
}

/** A call that answers a callback-era invocation: the handler's callback, or `context.succeed`/`done`/`fail`. */
function answers(call: Node, callback: string | undefined, context: string | undefined): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') return callee.name === callback;
  if (callee?.type !== 'MemberExpression') return false;
  const object = unwrap(callee.object);
  return (
    object?.type === 'Identifier' &&
    object.name === context &&
    /^(succeed|done|fail)$/.test(calleeName(call) ?? '')
  );
}

/** The first answer given after `stmt` on the handler's own path (later statements of each enclosing block). */
function answerAfter(ctx: ModuleContext, stmt: Node, handler: Node): Node | undefined {
  const [, context, callback] = (handler.params as Node[]).map((p) =>
    p?.type === 'Identifier' ? (p.name as string) : undefined,
  );
  if (callback === undefined && context === undefined) return undefined;
  for (let n: Node = stmt; n !== handler.body; ) {
    const parent = ctx.parentOf(n);
    if (parent === undefined || isFunction(parent)) return undefined;
    if (parent.type === 'BlockStatement' || parent.type === 'Program')
      for (const later of (parent.body as Node[]).slice((parent.body as Node[]).indexOf(n) + 1)) {
        let found: Node | undefined;
        forEachDescendant(
          { type: 'Wrap', start: later.start, end: later.end, v: later },
          (d) => {
            if (found === undefined && d.type === 'CallExpression' && answers(d, callback, context))
              found = d;
            return found === undefined;
          },
          true,
        );
        if (found !== undefined) return found;
        // The branch leaves here (`put(p, callback); return;`): nothing after it runs on this path.
        if (later.type === 'ReturnStatement' || later.type === 'ThrowStatement') return undefined;
      }
    n = parent;
  }
  return undefined;
}

/**
 * The aws-sdk v2 calls with a callback that a handler leaves behind: started as a statement of the entry
 * handler itself and followed there by its answer (callback-era), or as a statement of an async handler.
 *
 * @example
 * sdkCallbacksAnsweredEarly(ctx) // [{ call: kinesis.putRecord(params, callback), why: '...' }]
 */
export function sdkCallbacksAnsweredEarly(ctx: ModuleContext): { call: Node; why: string }[] {
  if (!ctx.spells('aws-sdk') && !ctx.spells('.end(')) return [];
  const out: { call: Node; why: string }[] = [];
  for (const stmt of ctx.of('ExpressionStatement')) {
    const call = unwrap(stmt.expression);
    if (call?.type !== 'CallExpression') continue;
    const fn = ctx.enclosingFunction(stmt);
    const kind = fn === undefined ? undefined : ctx.handlers.get(fn);
    if (fn === undefined || kind === undefined) continue;
    if (fn.async === true && endsRequestUnwaited(ctx, call, fn)) {
      out.push({
        call,
        why: 'req.end() sends the request and the async function goes on without waiting for its response: the invocation may end with the request in flight, and its failure is never seen',
      });
      continue;
    }
    const method = sdkCallWithCallback(ctx, call);
    if (method === undefined) continue;
    if (fn.async === true) {
      out.push({
        call,
        why: `${method}(..., callback) hands its outcome to a callback the async handler does not wait for: the invocation ends when the handler's promise settles, so the call may be frozen mid-flight and its failure is never seen`,
      });
      continue;
    }
    const answer = kind === 'entry' ? answerAfter(ctx, stmt, fn) : answerAfterCall(ctx, fn);
    if (answer !== undefined)
      out.push({
        call,
        why: `${method}(..., callback) hands its outcome to a callback, but the invocation is answered on line ${lineOf(ctx, answer)} before it runs: Lambda ignores a later callback call, so the call's failure is never seen`,
      });
  }
  return out;
}

/**
 * A plain function of the module that a callback-era entry handler calls as a statement and answers
 * after (`saveRecord(event); callback(null, 'ok');`): the answer given after that call, if any.
 */
function answerAfterCall(ctx: ModuleContext, fn: Node): Node | undefined {
  for (const site of ctx.of('ExpressionStatement')) {
    const call = unwrap(site.expression);
    const callee = call?.type === 'CallExpression' ? unwrap(call.callee) : undefined;
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) continue;
    const entry = ctx.enclosingFunction(site);
    if (entry === undefined || entry.async === true || ctx.handlers.get(entry) !== 'entry') continue;
    const answer = answerAfter(ctx, site, entry);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

function lineOf(ctx: ModuleContext, node: Node): number {
  return ctx.source.slice(0, node.start).split('\n').length;
}
