// http-no-timeout and no-retry: outbound HTTP calls through fetch, node-fetch, undici, axios, got, ky
// and superagent, judged with what surrounds them (wrappers, configured instances, library defaults).
import {
  calleeName,
  isFunction,
  memberPath,
  type Node,
  objectProps,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { type Cover, chainedMethods, coverAt, isRelative } from '../protection.js';
import type { Report, Rule } from './Report.js';

const FETCH_MODULES = new Set([
  'node-fetch',
  'undici',
  'cross-fetch',
  'isomorphic-fetch',
  '@whatwg-node/fetch',
]);
const BODYLESS = new Set(['get', 'delete', 'head', 'options']);
const WITH_BODY = new Set(['post', 'put', 'patch']);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

interface HttpCall {
  readonly lib: 'fetch' | 'axios' | 'got' | 'superagent' | 'undici' | 'ky' | 'node-http';
  readonly method: string | undefined;
  /** Options object argument (or axios/got config), if written. */
  readonly options: Node | undefined;
  /** For instance calls: the instance's creation call. */
  readonly instance?: Node;
  readonly receiver?: string;
}

/** Does an options value bound the call? Unknown values (variables, spreads) get the benefit of the doubt. */
function optionsBound(ctx: ModuleContext, options: Node | undefined, keys: readonly string[]): boolean {
  if (options === undefined) return false;
  const v = ctx.valueOf(options);
  const props = objectProps(v);
  if (props === undefined) return true;
  if (props.spread) return true;
  for (const k of keys) {
    const value = props.props.get(k);
    if (value === undefined) continue;
    const u = unwrap(value);
    // `timeout: 0` and `timeout: false` switch the timeout off.
    if (u?.type === 'Literal' && (u.value === 0 || u.value === false || u.value === null)) return false;
    return true;
  }
  return false;
}

/** The request method: 'GET' when options are absent or a literal without `method`, undefined when unknown. */
function methodOrGet(ctx: ModuleContext, options: Node | undefined): string | undefined {
  if (options === undefined) return 'GET';
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined) return undefined;
  return methodOf(ctx, options) ?? (props.spread ? undefined : 'GET');
}

function methodOf(ctx: ModuleContext, options: Node | undefined): string | undefined {
  const props = objectProps(ctx.valueOf(options));
  const m = stringValue(props?.props.get('method'));
  return m?.toUpperCase();
}

/** Instance creation behind a receiver identifier: `const api = axios.create(cfg)`. */
function instanceOf(ctx: ModuleContext, receiver: Node): Node | undefined {
  const v = ctx.valueOf(receiver);
  return v?.type === 'CallExpression' ? v : undefined;
}

export function classifyHttpCall(ctx: ModuleContext, call: Node): HttpCall | undefined {
  const callee = unwrap(call.callee);
  if (callee === undefined) return undefined;
  const args = call.arguments as Node[];
  if (callee.type === 'Identifier') {
    const name = callee.name as string;
    const imp = ctx.importOf(name, callee);
    if (imp === undefined) {
      if (name === 'fetch' && ctx.isGlobal('fetch', callee)) return fetchCall(ctx, args);
      return undefined;
    }
    if (FETCH_MODULES.has(imp.source) && (imp.imported === 'default' || imp.imported === 'fetch'))
      return fetchCall(ctx, args);
    if (imp.source === 'undici' && imp.imported === 'request')
      return { lib: 'undici', method: methodOrGet(ctx, args[1]), options: args[1] };
    if (imp.source === 'axios' && imp.imported === 'default') {
      const config = args.length >= 2 ? args[1] : args[0];
      const method = args.length >= 2 ? methodOrGet(ctx, args[1]) : methodOf(ctx, args[0]);
      return {
        lib: 'axios',
        method: method ?? (stringValue(args[0]) !== undefined ? 'GET' : undefined),
        options: config,
        receiver: name,
      };
    }
    if (imp.source === 'got' && imp.imported === 'default')
      return { lib: 'got', method: methodOrGet(ctx, args[1]), options: args[1] };
    if (imp.source === 'ky' && imp.imported === 'default')
      return { lib: 'ky', method: methodOrGet(ctx, args[1]), options: args[1] };
    return undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const method = calleeName(call);
  if (method === undefined) return undefined;
  const object = unwrap(callee.object);
  if (object?.type === 'Identifier') {
    const objName = object.name as string;
    if (
      (objName === 'globalThis' || objName === 'window') &&
      method === 'fetch' &&
      ctx.isGlobal(objName, object)
    )
      return fetchCall(ctx, args);
    const imp = ctx.importOf(objName, object);
    const lib = imp?.imported === 'default' || imp?.imported === '*' ? imp.source : undefined;
    if (
      (imp?.source === 'http' ||
        imp?.source === 'https' ||
        imp?.source === 'node:http' ||
        imp?.source === 'node:https') &&
      (method === 'get' || method === 'request')
    ) {
      // `https.get(url, options?, cb?)` / `https.request(options, cb?)`: options are the first object argument.
      const options = args.find(
        (a) => objectProps(ctx.valueOf(a)) !== undefined || unwrap(a)?.type === 'Identifier',
      );
      return {
        lib: 'node-http',
        method: method === 'get' ? 'GET' : methodOf(ctx, options),
        options: objectProps(ctx.valueOf(options)) !== undefined ? options : undefined,
      };
    }
    if (lib === 'axios' || lib === 'got' || lib === 'ky' || lib === 'superagent')
      return libraryMethodCall(lib, method, args, objName, undefined, ctx);
    if (imp === undefined) {
      // An instance created in this module: `const api = axios.create({...}); api.get(...)`.
      const created = instanceOf(ctx, object);
      if (created === undefined) return undefined;
      const createdCallee = unwrap(created.callee);
      if (createdCallee?.type !== 'MemberExpression') return undefined;
      const base = unwrap(createdCallee.object);
      const baseImp = base?.type === 'Identifier' ? ctx.importOf(base.name as string, base) : undefined;
      const factory = calleeName(created);
      if (baseImp?.source === 'axios' && factory === 'create')
        return libraryMethodCall('axios', method, args, objName, created, ctx);
      if (baseImp?.source === 'got' && factory === 'extend')
        return libraryMethodCall('got', method, args, objName, created, ctx);
      if (baseImp?.source === 'ky' && (factory === 'create' || factory === 'extend'))
        return libraryMethodCall('ky', method, args, objName, created, ctx);
    }
  }
  return undefined;
}

function fetchCall(ctx: ModuleContext, args: Node[]): HttpCall {
  let options = args[1];
  if (options === undefined && args[0] !== undefined) {
    // `fetch(new Request(url, init))`: the init lives on the Request.
    const first = ctx.valueOf(args[0]);
    if (first?.type === 'NewExpression' && unwrap(first.callee)?.name === 'Request')
      options = first.arguments[1];
  }
  return { lib: 'fetch', method: methodOrGet(ctx, options), options };
}

function libraryMethodCall(
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

function importRefs(cover: Cover): ImportRef[] {
  return cover.via;
}

/** Receivers that had axios-retry applied in this module: `axiosRetry(api, ...)`. */
function axiosRetried(ctx: ModuleContext): Set<string> {
  const names = new Set<string>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp?.source !== 'axios-retry') continue;
    const target = unwrap(call.arguments[0]);
    if (target?.type === 'Identifier') names.add(target.name as string);
  }
  return names;
}

const TIMEOUT_KEYS: Record<HttpCall['lib'], readonly string[]> = {
  fetch: ['signal', 'timeout', 'dispatcher'],
  undici: ['signal', 'headersTimeout', 'bodyTimeout', 'dispatcher'],
  axios: ['timeout', 'signal', 'cancelToken'],
  got: ['timeout', 'signal'],
  ky: ['timeout', 'signal'],
  superagent: [],
  'node-http': ['timeout', 'signal'],
};

const CHECK_KEY = /^(check|healthCheck|probe|ping)$/i;

/** The call is a health check or probe (`{ check: async () => fetch(...) }`): a retry would hide what it measures. */
function inHealthCheck(ctx: ModuleContext, call: Node): boolean {
  const fn = ctx.enclosingFunction(call);
  const parent = fn !== undefined ? ctx.parentOf(fn) : undefined;
  return (
    (parent?.type === 'Property' || parent?.type === 'MethodDefinition') &&
    CHECK_KEY.test(propertyName(parent.key, parent.computed) ?? '')
  );
}

/**
 * The call's failure is classified and answered to the caller (`catch (e) { classify(e) ... toProblemDetails(e) }`):
 * the retry decision is handed on with a Retry-After, deliberately.
 */
function answersClassified(ctx: ModuleContext, call: Node): boolean {
  for (let n = ctx.parentOf(call); n !== undefined && !isFunction(n); n = ctx.parentOf(n)) {
    if (n.type !== 'TryStatement' || n.handler == null) continue;
    const text = ctx.source.slice(n.handler.start, n.handler.end);
    if (/\b(classify|toProblemDetails)\(/.test(text)) return true;
  }
  return false;
}

/** The module's handlers consume SQS or stream batches (or their records). */
export function isRedeliveredConsumer(ctx: ModuleContext): boolean {
  if (ctx.batchHandlers.size > 0) return true;
  for (const kind of ctx.handlers.values()) if (kind === 'record') return true;
  return false;
}

export const httpRules: Rule = (ctx: ModuleContext, report: Report) => {
  const retried = axiosRetried(ctx);
  // Retrying is a server-side concern: only judged in modules that are visibly server code.
  const frontend = /\.[jt]sx$/.test(ctx.file) || !isServerModule(ctx);
  const reportedInstances = new Set<Node>();
  for (const call of ctx.of('CallExpression')) {
    // Instance creation sites: `axios.create()` / `got.extend()` without a timeout.
    const created = creationWithoutTimeout(ctx, call);
    if (created !== undefined && !reportedInstances.has(call)) {
      reportedInstances.add(call);
      const cover = coverAt(ctx, call);
      if (!cover.kinds.has('timeout'))
        report(
          'http-no-timeout',
          call,
          `${created}() without a timeout: every request through this client can wait forever`,
        );
      continue;
    }
    const http = classifyHttpCall(ctx, call);
    if (http === undefined) continue;
    const cover = coverAt(ctx, call);
    const via = importRefs(cover);
    const label =
      http.lib === 'fetch' || http.lib === 'undici'
        ? `${http.lib}()`
        : http.lib === 'node-http'
          ? `${memberPath(call.callee)?.join('.') ?? 'http.request'}()`
          : `${http.lib}.${calleeName(call) ?? ''}()`;

    // Timeout.
    let bounded = cover.kinds.has('timeout');
    if (!bounded) {
      if (http.lib === 'ky') bounded = !optionsExplicitlyUnbounded(ctx, http.options);
      else if (http.lib === 'superagent') bounded = chainedMethods(ctx, call).includes('timeout');
      else if (http.lib === 'node-http')
        bounded =
          optionsBound(ctx, http.options, TIMEOUT_KEYS[http.lib]) ||
          /\.setTimeout\(/.test(
            ctx.source.slice(
              (ctx.enclosingFunction(call) ?? ctx.program).start,
              (ctx.enclosingFunction(call) ?? ctx.program).end,
            ),
          );
      else if (http.instance !== undefined)
        bounded = true; // judged at the creation site
      else bounded = optionsBound(ctx, http.options, TIMEOUT_KEYS[http.lib]);
    }
    if (!bounded && http.lib === 'axios' && ctx.source.includes('defaults.timeout')) bounded = true;
    if (!bounded) {
      report(
        'http-no-timeout',
        call,
        `${label} has no timeout or abort signal`,
        via.length > 0 ? { unlessImportProvides: { kind: 'timeout', imports: via } } : undefined,
      );
    }

    // Retry: only idempotent requests, only where retries are not already there.
    if (frontend || cover.kinds.has('retry')) continue;
    if (http.lib === 'got' || http.lib === 'ky') continue; // both retry idempotent requests by default
    if (http.lib === 'node-http') continue; // a raw client; the retry belongs a layer up
    if (http.lib === 'superagent' && chainedMethods(ctx, call).includes('retry')) continue;
    if (http.lib === 'axios' && http.receiver !== undefined && retried.has(http.receiver)) continue;
    if (http.lib === 'axios' && http.receiver !== undefined && /axiosRetry|axios-retry/.test(ctx.source))
      continue;
    if (http.method === undefined || !IDEMPOTENT.has(http.method)) continue;
    // In an SQS or stream consumer a failed call fails the record, which is redelivered: that is the retry.
    if (ctx.handlerKindAt(call) !== undefined && isRedeliveredConsumer(ctx)) continue;
    if (inHealthCheck(ctx, call) || answersClassified(ctx, call)) continue;
    report(
      'no-retry',
      call,
      `${label} (${http.method}) is not retried: one transient fault fails the caller`,
      via.length > 0 ? { unlessImportProvides: { kind: 'retry', imports: via } } : undefined,
    );
  }
};

const SERVER_IMPORTS =
  /^(node:|@aws-sdk\/|aws-sdk|aws-lambda|@aws-lambda-powertools\/|@bulwark\/|express|fastify|koa|hono|@nestjs\/|@middy\/|pg|mysql2?|mongodb|ioredis|redis|undici|node-fetch|got|superagent|fs|http|https|crypto|path)/;

/** Lambda handlers, or modules importing Node built-ins or server libraries. */
function isServerModule(ctx: ModuleContext): boolean {
  if (ctx.isLambdaModule) return true;
  for (const imp of ctx.imports.values()) if (SERVER_IMPORTS.test(imp.source)) return true;
  return /\bprocess\.env\b|\brequire\(/.test(ctx.source);
}

function optionsExplicitlyUnbounded(ctx: ModuleContext, options: Node | undefined): boolean {
  const props = objectProps(ctx.valueOf(options));
  const t = unwrap(props?.props.get('timeout'));
  return t?.type === 'Literal' && t.value === false;
}

function creationWithoutTimeout(ctx: ModuleContext, call: Node): string | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return undefined;
  const base = unwrap(callee.object);
  if (base?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(base.name as string, base);
  if (imp === undefined || isRelative(imp.source)) return undefined;
  const method = calleeName(call);
  const isCreate =
    (imp.source === 'axios' && method === 'create') || (imp.source === 'got' && method === 'extend');
  if (!isCreate) return undefined;
  if (imp.source === 'axios' && ctx.source.includes('defaults.timeout')) return undefined;
  if (optionsBound(ctx, call.arguments[0], ['timeout', 'signal'])) return undefined;
  return `${base.name as string}.${method}`;
}
