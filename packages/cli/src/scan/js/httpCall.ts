// What an outbound HTTP call is: fetch, node-fetch, undici, axios, got, ky, superagent or node:http, its
// method, its options argument and, for a configured instance, where that instance was created.
import { calleeName, type Node, unwrap } from './ast.js';
import { gotStreamCall } from './gotStreams.js';
import { axiosInstanceField, axiosInstanceParam, injectedFetch } from './handedInClients.js';
import { FAMILY_SOURCES, familyCall, familyImport, type HttpLib } from './httpDefaults.js';
import {
  copyCall,
  familyCopy,
  fieldInstances,
  instanceFactory,
  libraryImport,
  librarySelf,
} from './httpInstances.js';
import { AXIOS_LIKE, untimedClientCall } from './httpLibraries.js';
import { injectedFetchField } from './injectedFetchFields.js';
import { axiosCall, fetchCall, libraryMethodCall } from './libraryCalls.js';
import type { ModuleContext } from './ModuleContext.js';
import { nodeHttpCall, nodeHttpChoice, nodeHttpImport, nodeHttpSource } from './nodeHttpModules.js';
import { methodOrGet } from './requestMethod.js';
import { restDataSourceCall } from './restDataSources.js';
import { promisedSuperagent, superagentCall } from './superagentCalls.js';
import { contextMemo } from './textMemo.js';

/** Packages whose default or `fetch` export is a plain fetch (no timeout of its own). */
export const FETCH_MODULES = new Set([
  'node-fetch',
  'undici',
  'cross-fetch',
  'isomorphic-fetch',
  'isomorphic-unfetch',
  '@whatwg-node/fetch',
]);

export interface HttpCall {
  readonly lib: HttpLib;
  readonly method: string | undefined;
  /** Options object argument (or axios/got config), if written. */
  readonly options: Node | undefined;
  /** For instance calls: the instance's creation call. */
  readonly instance?: Node;
  /** A class field written more than once: every creation it can hold (`instance` is the first). */
  readonly instances?: readonly Node[];
  readonly receiver?: string;
  /** An axios instance the caller hands in (a parameter typed `AxiosInstance`): its callers create it. */
  readonly handedIn?: true;
  /** Made through a catalogued package (js/httpLibraries.ts) rather than the library itself. */
  readonly package?: string;
  /** Made through a request-family copy (`request.defaults(options)`): the options it starts from. */
  readonly defaults?: Node;
  /** Returns the response itself, not a promise (sync-request). */
  readonly sync?: true;
  /** Given a callback (request, requestretry, needle): answers a stream, not a promise (familyCallbacks.ts). */
  readonly callback?: true;
}

/** Every module an HTTP call below can come from: fetch modules, the HTTP libraries and node:http(s). */
const HTTP_SOURCES = new Set([
  ...FETCH_MODULES,
  ...AXIOS_LIKE,
  ...FAMILY_SOURCES,
  'twitter-lite',
  'axios',
  'got',
  'ky',
  'superagent',
  'http',
  'https',
  'node:http',
  'node:https',
]);
/** Does the module import (or require) any of HTTP_SOURCES? */
const importsHttp = contextMemo((ctx) => {
  let known = false;
  for (const imp of ctx.imports.values()) if (HTTP_SOURCES.has(imp.source)) known = true;
  // `import type { AxiosInstance } from 'axios'` binds no name, yet a helper may be handed one.
  if (!known && ctx.spells('AxiosInstance')) known = /['"]axios['"]/.test(ctx.source);
  // `require('superagent-promise')(require('superagent'), Promise)` binds no import to a name.
  if (!known && ctx.spells('superagent-promise')) known = true;
  return known;
});

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
      if (injectedFetch(ctx, callee)) return fetchCall(ctx, args);
      const copy = familyCopy(ctx, callee);
      if (copy !== undefined) return copyCall(ctx, call, copy);
      // An axios instance called as a function: `api(config)`, `client(url, config)`.
      if (!importsHttp(ctx)) return undefined;
      const created = instanceOf(ctx, callee);
      const handedIn = created === undefined && axiosInstanceParam(ctx, callee);
      if (handedIn || instanceFactory(ctx, created) === 'axios')
        return {
          ...axiosCall(ctx, args, name),
          ...(handedIn ? { handedIn: true as const } : { instance: created as Node }),
        };
      return undefined;
    }
    if (FETCH_MODULES.has(imp.source) && (imp.imported === 'default' || imp.imported === 'fetch'))
      return fetchCall(ctx, args);
    const nodeMethod = nodeHttpImport(imp);
    if (nodeMethod !== undefined) return nodeHttpCall(ctx, nodeMethod, args);
    if (imp.source === 'undici' && imp.imported === 'request')
      return { lib: 'undici', method: methodOrGet(ctx, args[1]), options: args[1] };
    if (imp.source === 'axios' && imp.imported === 'default') return axiosCall(ctx, args, name);
    if (AXIOS_LIKE.has(imp.source) && imp.imported === 'default')
      return { ...axiosCall(ctx, args, name), package: imp.source };
    if (imp.source === 'got' && imp.imported === 'default')
      return { lib: 'got', method: methodOrGet(ctx, args[1]), options: args[1] };
    if (imp.source === 'ky' && imp.imported === 'default')
      return { lib: 'ky', method: methodOrGet(ctx, args[1]), options: args[1] };
    if (imp.source === 'superagent' && (imp.imported === 'default' || imp.imported === '*'))
      return { lib: 'superagent', ...superagentCall(ctx, args), options: undefined, receiver: name };
    return familyImport(imp) ? familyCall(ctx, call, imp.source) : undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  // `api.get(url, cb)` on `const api = require('request').defaults({ json: true })`.
  const copy = familyCopy(ctx, unwrap(callee.object));
  if (copy !== undefined) return copyCall(ctx, call, copy);
  // A fetch the class keeps in a field (`constructor(private fetchFn: typeof fetch = fetch)`).
  if (injectedFetchField(ctx, callee)) return fetchCall(ctx, args);
  // `this.get(path, params, init)` in an Apollo RESTDataSource subclass: node-fetch underneath.
  const rest = restDataSourceCall(ctx, call);
  if (rest !== undefined)
    return { lib: 'fetch', method: rest.method, options: rest.init, receiver: 'RESTDataSource' };
  // A method call is an HTTP call only on an imported library, an instance one of them creates, or
  // `globalThis.fetch`: without such an import, only the last can be (most modules; the rest is costly).
  if (!importsHttp(ctx)) {
    const receiver = unwrap(callee.object);
    if (receiver?.type !== 'Identifier' || (receiver.name !== 'globalThis' && receiver.name !== 'window'))
      return undefined;
  }
  const stream = gotStreamCall(ctx, callee, args);
  if (stream !== undefined) return { lib: 'got', ...stream };
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
      (nodeHttpSource(imp?.source) || nodeHttpChoice(ctx, object)) &&
      (method === 'get' || method === 'request')
    )
      return nodeHttpCall(ctx, method, args);
    if (lib === 'axios' || lib === 'got' || lib === 'ky' || lib === 'superagent')
      return libraryMethodCall(lib, method, args, objName, undefined, ctx);
    if (imp !== undefined && familyImport(imp)) return familyCall(ctx, call, imp.source);
    if (imp === undefined && promisedSuperagent(ctx, object))
      return libraryMethodCall('superagent', method, args, objName, undefined, ctx);
    if (imp === undefined) {
      // An instance created in this module: `const api = axios.create({...}); api.get(...)`.
      const created = instanceOf(ctx, object);
      const factory = instanceFactory(ctx, created);
      if (factory !== undefined) return libraryMethodCall(factory, method, args, objName, created, ctx);
      // One the caller hands in: `(client: AxiosInstance, config) => client.request(config)`.
      if (created === undefined && axiosInstanceParam(ctx, object)) {
        const call = libraryMethodCall('axios', method, args, objName, undefined, ctx);
        return call === undefined ? undefined : { ...call, handedIn: true };
      }
      // A catalogued API client package's instance: no timeout can be given to it.
      const client = untimedClientCall(ctx, call);
      if (client !== undefined)
        return { lib: 'fetch', method: client.method, options: undefined, package: client.pkg };
    }
  }
  // CommonJS interop: `const axios = require('axios'); axios.default.get(url)` (also what TypeScript emits
  // for a default import compiled to CommonJS) is the library's own default export.
  const interop = interopDefault(ctx, object);
  if (interop !== undefined)
    return libraryMethodCall(interop.lib, method, args, interop.receiver, undefined, ctx);
  // An instance kept on the class: `this.api.get(...)` after `this.api = api` in the constructor.
  // Every creation the field can hold is judged (a client rebuilt without a timeout after login).
  const fields = object !== undefined ? fieldInstances(ctx, object) : [];
  const field = fields[0];
  // Handed the library's own default (`new AuthService(axios)`): a call of the library, no instance.
  const selfLib = librarySelf(ctx, field);
  if (object !== undefined && selfLib !== undefined)
    return libraryMethodCall(
      selfLib,
      method,
      args,
      ctx.source.slice(object.start, object.end),
      undefined,
      ctx,
    );
  const fieldLib = instanceFactory(ctx, field);
  if (object !== undefined && fieldLib !== undefined) {
    const made = libraryMethodCall(
      fieldLib,
      method,
      args,
      ctx.source.slice(object.start, object.end),
      field,
      ctx,
    );
    return made !== undefined && fields.length > 1 ? { ...made, instances: fields } : made;
  }
  // One handed to the constructor: `constructor(private readonly http: AxiosInstance)`.
  if (object !== undefined && field === undefined && axiosInstanceField(ctx, object)) {
    const call = libraryMethodCall(
      'axios',
      method,
      args,
      ctx.source.slice(object.start, object.end),
      undefined,
      ctx,
    );
    return call === undefined ? undefined : { ...call, handedIn: true };
  }
  return undefined;
}

/** `axios.default` on an import of axios, got, ky or superagent: the library itself (libraryImport). */
function interopDefault(
  ctx: ModuleContext,
  object: Node | undefined,
): { lib: 'axios' | 'got' | 'ky' | 'superagent'; receiver: string } | undefined {
  const root = object?.type === 'MemberExpression' ? unwrap(object.object) : undefined;
  const lib = root?.type === 'Identifier' ? libraryImport(ctx, object)?.source : undefined;
  return lib === 'axios' || lib === 'got' || lib === 'ky' || lib === 'superagent'
    ? { lib, receiver: root?.name as string }
    : undefined;
}
