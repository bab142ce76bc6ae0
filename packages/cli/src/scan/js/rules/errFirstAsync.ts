// floating-promise: an async function handed as a Node-style error-first callback
// (`upload(req, res, async (err) => { ... })` of multer, `jwt.verify(token, key, async (err, claims) => ...)`).
// An API that calls back with `(err, ...)` is callback-era: it calls the function and drops what it returns,
// as `forEach` does, so the callback's work outlives the caller and a rejection in it (an `await` that fails,
// a `throw err`) is unhandled: the request it was to answer is never answered.
import { calleeName, forEachDescendant, isFunction, type Node, returnsPromise, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { settledOnReturn } from './settledAsync.js';

const ERROR_PARAM = /^(err|error|e|er|ex)$/i;
/** Promise methods and subscriptions take callbacks of their own kind, judged elsewhere. */
const NOT_ERR_FIRST = /^(then|catch|finally|on|once|addListener|prependListener|prependOnceListener)$/;
/**
 * Framework registrations that await the handler they are given: Fastify's `setErrorHandler`, `register`
 * and `addHook`, Express 5's error middleware through `use`, a router's `onError`.
 */
const AWAITS_HANDLER = /^(setErrorHandler|use|register|addHook|onError)$/;

/**
 * The call's last argument is an async function of at most two parameters whose first is the error
 * (`async (err) => ...`), that can still be running or reject when the call returns; the callee is neither
 * one of the module's own functions nor a framework registration (either may await what it is given).
 *
 * @example
 * asyncErrFirstCallback(ctx, call) // upload(req, res, async (err) => { if (err) throw err; await save(req.file) }) -> true
 */
export function asyncErrFirstCallback(ctx: ModuleContext, call: Node): boolean {
  const last = unwrap((call.arguments as Node[]).at(-1));
  if (last === undefined || !isFunction(last) || !returnsPromise(last) || settledOnReturn(last)) return false;
  if (startsNothing(last)) return false;
  const first = unwrap((last.params as Node[])[0]);
  if (first?.type !== 'Identifier' || !ERROR_PARAM.test(first.name as string)) return false;
  // Three parameters or more is a framework's handler shape (`(err, req, reply)`, `(err, req, res, next)`),
  // not a node-style result callback.
  if ((last.params as Node[]).length >= 3) return false;
  const name = calleeName(call) ?? '';
  if (NOT_ERR_FIRST.test(name) || AWAITS_HANDLER.test(name)) return false;
  const callee = unwrap(call.callee);
  return callee?.type !== 'Identifier' || ctx.functionOf(callee) === undefined;
}

/**
 * An async callback with no `await` and no `throw` whose returns hand back only data (`return error`,
 * `return req.file`): it has run to its end, fulfilled, when the callee that drops its promise returns.
 * What an error-first API's callback returns is never read, so a returned name is not a promise anyone
 * waits on.
 */
function startsNothing(fn: Node): boolean {
  const body = fn.body as Node;
  if (fn.async !== true || body.type !== 'BlockStatement') return false;
  let pending = false;
  forEachDescendant(
    body,
    (n) => {
      if (isFunction(n)) return false;
      if (n.type === 'AwaitExpression' || n.type === 'ThrowStatement') pending = true;
      if (n.type === 'ForOfStatement' && n.await === true) pending = true;
      if (n.type === 'ReturnStatement' && !plainData(n.argument as Node | undefined)) pending = true;
      return !pending;
    },
    true,
  );
  return !pending;
}

/** A returned value that is a name or a field read (`error`, `req.file`), never a call's answer. */
function plainData(value: Node | undefined): boolean {
  let v = unwrap(value);
  while (v?.type === 'MemberExpression') v = unwrap(v.object as Node);
  return v === undefined || v.type === 'Identifier' || v.type === 'Literal';
}
