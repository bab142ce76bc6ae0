// superagent's call shapes beyond `request.get(url)`: the library called as a function (`request(url)`,
// `request('POST', url)`: superagent's index exports `request(method, url)`, a GET when only the URL is
// given) and superagent-promise's wrapped copy. Its timeout is chained (`.timeout({ response, deadline })`),
// so a call's options never bound it (rules/http.ts reads the chain).
import { type Node, stringValue, unwrap } from './ast.js';
import { literalMethod } from './httpVerbs.js';
import type { ModuleContext } from './ModuleContext.js';
import { requiredSpecifier } from './moduleSpecifier.js';

/**
 * `request(url)` or `request(method, url)` on superagent's own export: its method (GET for a URL alone,
 * undefined when the method is not written out).
 *
 * @example
 * superagentCall(ctx, args) // { method: 'GET' } for request(`https://${host}`)
 */
export function superagentCall(ctx: ModuleContext, args: readonly Node[]): { method: string | undefined } {
  if (args.length < 2) return { method: 'GET' };
  const first = stringValue(args[0]) ?? stringValue(ctx.valueOf(args[0]));
  return { method: literalMethod(first) };
}

/** `require('superagent-promise')(require('superagent'), Promise)`: superagent, with promises. */
export function promisedSuperagent(ctx: ModuleContext, object: Node): boolean {
  const init = unwrap(ctx.resolve(object.name as string, object)?.init);
  if (init?.type !== 'CallExpression') return false;
  const factory = unwrap(init.callee);
  return requiredSpecifier(factory) === 'superagent-promise';
}
