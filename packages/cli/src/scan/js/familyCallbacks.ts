// The callback form of the request family: `request(options, (err, res, body) => ...)`, `request.post(url, cb)`,
// needle's `needle.post(url, data, options, cb)`. Given a callback, request and requestretry answer their
// Request stream and needle its readable stream: the outcome goes to the callback, never to a promise, so
// there is nothing to await (request-promise's `rp(options)` answers a promise, and is not this).
import { isFunction, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Packages whose request, given a callback, answers a stream rather than a promise. */
const STREAM_WITH_CALLBACK = new Set(['request', 'requestretry', 'needle']);
/** A parameter named for the caller's callback, handed straight on: `request(options, callback)`. */
const CALLBACK_NAME = /^(cb|callback|done|next|respond)$|Callback$/;

/**
 * The request is made from `source` and given a trailing callback: a function written in place, a function
 * of the module, or the caller's own callback parameter.
 *
 * @example
 * callbackForm(ctx, call, 'request') // request(opts, function (err, res, body) { ... }) -> true
 * callbackForm(ctx, call, 'request-promise') // rp(opts) -> false
 */
export function callbackForm(ctx: ModuleContext, call: Node, source: string): boolean {
  if (!STREAM_WITH_CALLBACK.has(source)) return false;
  const args = call.arguments as Node[];
  const last = unwrap(args.at(-1));
  // `request(url)` alone has no callback: its first argument is never one.
  if (args.length < 2 || last === undefined) return false;
  if (isFunction(last) || ctx.functionOf(last) !== undefined) return true;
  if (last.type !== 'Identifier' || !CALLBACK_NAME.test(last.name as string)) return false;
  return ctx.resolve(last.name as string, last)?.kind === 'param';
}
