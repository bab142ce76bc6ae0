// Code that serves an HTTP request and nothing else: a function whose parameter is typed with aws-lambda's
// API Gateway, ALB or function-URL event, or a handler declared with those types. The platform does not retry such a call; a client that retries
// sends a new request, which code of this kind recognises (if at all) by a key the client sends. A key
// this code makes up for a request without one (`idempotencyKey: uuidv4()` when no header came) and hands
// back as its answer is the placeholder of a request that cannot be recognised again anyway, not a key a
// redelivery would miss. A key the same function sends on to another service is not that: the service
// deduplicates on it, and the function's own retry (or a signed webhook's redelivery) sends a new one.
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';
import { answersRequest, requestTypedParam } from '../awsLambdaTypes.js';
import type { ModuleContext } from '../ModuleContext.js';
import { redelivered } from '../redelivery.js';

/** Nodes a value passes through unchanged on its way into the function's answer. */
const PASS_THROUGH = new Set([
  'ObjectExpression',
  'Property',
  'ArrayExpression',
  'ConditionalExpression',
  'LogicalExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
]);

const LOOP = /^(?:For|ForIn|ForOf|While|DoWhile)Statement$/;
/** A callee that runs its callback again on failure: a new key per attempt is the rule's core case. */
const RETRYING = /retr|backoff|attempt/i;

/**
 * Is the key property `prop` only part of the answer of a function that serves an HTTP request (a parameter
 * typed with aws-lambda's request event, or a handler declared to answer one: awsLambdaTypes.ts), in a
 * module whose handlers are not redelivered? The key must reach that function's `return` (or arrow body) through objects, arrays and
 * conditionals alone, or a `JSON.stringify` of them (a response body), and not be made in a loop or in a
 * callback a retry helper runs. A project's own alias of the type is not read as one: templates put such
 * aliases on queue handlers too.
 * @example
 * // import type { APIGatewayProxyEvent } from 'aws-lambda';
 * // export async function check(event: APIGatewayProxyEvent) { return { key: uuidv4() }; }  -> true
 * // export async function pay(event: APIGatewayProxyEvent) { await stripe.x.create(p, { idempotencyKey: uuidv4() }) }  -> false
 */
export function servesRequestOnly(ctx: ModuleContext, prop: Node): boolean {
  if (!ctx.spells('aws-lambda') || redelivered(ctx)) return false;
  const fn = answeredBy(ctx, prop);
  if (fn === undefined) return false;
  // A handler typed on its variable or its answer (`const handler: APIGatewayProxyHandler = async (event) =>`),
  // or a helper handed the request (`check(event: APIGatewayProxyEvent)`).
  const params = (fn.params as Node[] | undefined) ?? [];
  if (!answersRequest(ctx, fn) && !params.some((p) => requestTypedParam(ctx, p))) return false;
  const holder = ctx.parentOf(fn);
  return !(holder?.type === 'CallExpression' && RETRYING.test(calleeName(holder) ?? ''));
}

/** The function whose answer `node` is part of, or undefined when it goes anywhere else first. */
function answeredBy(ctx: ModuleContext, node: Node): Node | undefined {
  let child = node;
  for (let n = ctx.parentOf(node); n !== undefined; child = n, n = ctx.parentOf(n)) {
    if (PASS_THROUGH.has(n.type)) continue;
    if (n.type === 'CallExpression' && isStringify(n)) continue;
    if (n.type === 'ArrowFunctionExpression') return n.body === child ? n : undefined;
    if (n.type !== 'ReturnStatement') return undefined;
    const fn = ctx.enclosingFunction(n);
    // A return inside a loop answers one pass of it: the key is made per pass, as in a retry loop.
    for (let s = ctx.parentOf(n); s !== undefined && s !== fn; s = ctx.parentOf(s))
      if (LOOP.test(s.type)) return undefined;
    return fn;
  }
  return undefined;
}

/** `JSON.stringify(...)`: a response body made of the answer. */
function isStringify(call: Node): boolean {
  return memberPath(unwrap(call.callee))?.join('.') === 'JSON.stringify';
}
