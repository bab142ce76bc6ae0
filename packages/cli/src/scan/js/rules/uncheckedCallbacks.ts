// swallowed-error for HTTP clients that answer a callback on every status: Node's `http(s).request` and
// `http(s).get` call back with any response (a 500 is no error event), and the request family's
// `request(options, (err, res, body) => ...)` and needle's callbacks set `err` only when no answer came.
// A callback that never reads the status takes an error page for the answer.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isLogCall } from './catchFacts.js';

/** A status read: `res.statusCode`, `statusMessage`, a destructured `{ statusCode }`, `.status`, `.ok`. */
const STATUS = /\bstatus(?:Code|Message)?\b|\.\s*ok\b/;
/** A status read anywhere in the module, as code (`x.statusCode`, `{ statusCode }`), not a word in a comment. */
const STATUS_READ = /\.\s*status(?:Code)?\b|[{,]\s*statusCode\s*[,}:]/;

/** The source of `node` with its log calls cut out. */
function withoutLogs(ctx: ModuleContext, node: Node): string {
  const logs: Node[] = [];
  someDescendant(node, (n) => {
    if (n.type === 'CallExpression' && isLogCall(n)) logs.push(n);
    return false;
  });
  let text = '';
  let from = node.start;
  for (const log of logs.sort((a, b) => a.start - b.start)) {
    if (log.start < from) continue;
    text += ctx.source.slice(from, log.start);
    from = log.end;
  }
  return text + ctx.source.slice(from, node.end);
}

/**
 * The response callback handed to the call and the name its response takes: the first parameter for
 * node:http(s), the second (after the error) for the request family and needle.
 */
function responseCallback(call: Node, lib: string): { callback: Node; response: string } | undefined {
  const args = call.arguments as Node[];
  const callback = unwrap(args.at(-1));
  if (callback === undefined || !isFunction(callback)) return undefined;
  const params = callback.params as Node[];
  const at = lib === 'node-http' ? 0 : 1;
  const param = params[at];
  if (lib !== 'node-http' && params.length < 2) return undefined;
  return param?.type === 'Identifier' ? { callback, response: param.name as string } : undefined;
}

/**
 * Why the call's answer is taken for success whatever its status, or undefined. A callback that hands the
 * response on whole (`resolve(res)`, `callback(null, response)`) leaves the status to its reader, unless
 * nothing in the module ever reads a status.
 *
 * @example
 * uncheckedCallbackResponse(ctx, call, 'node-http') // for `https.request(opts, (res) => { res.on('end', () => resolve(body)) })`
 */
export function uncheckedCallbackResponse(ctx: ModuleContext, call: Node, lib: string): string | undefined {
  if (lib !== 'node-http' && lib !== 'request' && lib !== 'needle') return undefined;
  const found = responseCallback(call, lib);
  if (found === undefined) return undefined;
  const { callback, response } = found;
  // A status only printed (`console.log('Status:', res.statusCode)`) is not looked at.
  const text = withoutLogs(ctx, callback.body as Node);
  if (STATUS.test(text)) return undefined;
  if (!new RegExp(`\\b${response}\\b`).test(text) && lib === 'node-http') return undefined;
  const handedOn = new RegExp(`\\(\\s*(?:null\\s*,\\s*|undefined\\s*,\\s*)?${response}\\s*[,)]`).test(text);
  if (handedOn && STATUS_READ.test(ctx.source)) return undefined;
  return lib === 'node-http'
    ? `the ${response} callback never reads the status: node:http calls back with any answer, so a 4xx/5xx is taken for success`
    : `the (err, ${response}) callback never reads ${response}.statusCode: ${lib} sets err only when no answer came, so a 4xx/5xx is taken for success`;
}
