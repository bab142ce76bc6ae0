// The shape of a request made on an HTTP library or one of its instances: its method, and which argument
// carries its options (axios puts them after the body of a post, fetch second).
import { type Node, stringValue, unwrap } from './ast.js';
import type { HttpCall } from './httpCall.js';
import type { ModuleContext } from './ModuleContext.js';
import { methodOf, methodOrGet } from './requestMethod.js';

const BODYLESS = new Set(['get', 'delete', 'head', 'options']);
const WITH_BODY = new Set(['post', 'put', 'patch']);

/** `axios(config)` or `axios(url, config)`, on the library or an instance. */
export function axiosCall(ctx: ModuleContext, args: Node[], receiver: string): HttpCall {
  const config = args.length >= 2 ? args[1] : args[0];
  const method = args.length >= 2 ? methodOrGet(ctx, args[1]) : methodOf(ctx, args[0]);
  return {
    lib: 'axios',
    method: method ?? (stringValue(args[0]) !== undefined ? 'GET' : undefined),
    options: config,
    receiver,
  };
}

/** `fetch(url, init)`, `fetch(new Request(url, init))`: its method and init. */
export function fetchCall(ctx: ModuleContext, args: Node[]): HttpCall {
  let options = args[1];
  if (options === undefined && args[0] !== undefined) {
    // `fetch(new Request(url, init))`: the init lives on the Request.
    const first = ctx.valueOf(args[0]);
    if (first?.type === 'NewExpression' && unwrap(first.callee)?.name === 'Request')
      options = first.arguments[1];
  }
  return { lib: 'fetch', method: methodOrGet(ctx, options), options };
}

/** `lib.get(url, options)`, `lib.post(url, body, options)`, `lib.request(config)` on a library or instance. */
export function libraryMethodCall(
  lib: 'axios' | 'got' | 'ky' | 'superagent',
  method: string,
  args: Node[],
  receiver: string,
  instance: Node | undefined,
  ctx: ModuleContext,
): HttpCall | undefined {
  if (lib === 'superagent') {
    if (!BODYLESS.has(method) && !WITH_BODY.has(method) && method !== 'del') return undefined;
    return { lib, method: method === 'del' ? 'DELETE' : method.toUpperCase(), options: undefined, receiver };
  }
  if (BODYLESS.has(method))
    return {
      lib,
      method: method.toUpperCase(),
      options: args[1],
      receiver,
      ...(instance ? { instance } : {}),
    };
  if (WITH_BODY.has(method)) {
    const options = lib === 'axios' ? args[2] : args[1];
    return { lib, method: method.toUpperCase(), options, receiver, ...(instance ? { instance } : {}) };
  }
  if (method === 'request')
    return {
      lib,
      method: methodOf(ctx, args[0]),
      options: args[0],
      receiver,
      ...(instance ? { instance } : {}),
    };
  return undefined;
}
