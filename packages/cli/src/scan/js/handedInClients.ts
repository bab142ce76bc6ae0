// HTTP clients a function is handed rather than makes: a fetch passed in (`fetchImpl`, `typeof fetch`),
// and an axios instance (`doRequest(client: AxiosInstance, config)`, a constructor's `http: AxiosInstance`)
// with what the modules calling it create: whether the helper's request is bounded and retried
// depends on the instance its callers build, so the project pass judges it by their facts
// (ModuleFacts.httpClients, checked in keepCandidate.ts through eventCallers.ts someCaller).
import { escapeRegExp } from '../escapeRegExp.js';
import { type Node, objectProps, propertyName, unwrap } from './ast.js';
import { instanceFactory } from './httpInstances.js';
import type { ModuleContext } from './ModuleContext.js';
import { creationWithoutTimeout } from './rules/httpTimeoutOptions.js';

/** Parameter names a fetch is handed in under (`{ fetch = globalThis.fetch }`, `fetchImpl`). */
export const INJECTED_FETCH_NAME = /^(?:fetch|fetchImpl|fetchFn|fetchFunction|customFetch|httpFetch)$/;

/** `typeof fetch`, `typeof globalThis.fetch`: a parameter's declared type. */
function typedAsFetch(param: Node): boolean {
  const t = (param.type === 'AssignmentPattern' ? param.left : param)?.typeAnnotation?.typeAnnotation;
  if (t?.type !== 'TSTypeQuery') return false;
  const name = t.exprName;
  return (
    (name?.type === 'Identifier' && name.name === 'fetch') ||
    (name?.type === 'TSQualifiedName' && name.right?.name === 'fetch')
  );
}

/**
 * A fetch the caller hands in: a parameter (or a destructured option) named like one, or typed `typeof
 * fetch`. Whatever the caller passes, this call sets no deadline of its own.
 */
export function injectedFetch(ctx: ModuleContext, callee: Node): boolean {
  const binding = ctx.resolve(callee.name as string, callee);
  if (binding?.kind !== 'param') return false;
  const name = callee.name as string;
  return (
    (INJECTED_FETCH_NAME.test(name) && !typedAsLoader(ctx, binding.declaration, name)) ||
    typedAsFetch(binding.declaration)
  );
}

/** The declared type of a parameter, or of the named member of a destructured one (its literal or local type). */
function declaredType(ctx: ModuleContext, param: Node, name: string): Node | undefined {
  const p = param.type === 'AssignmentPattern' ? param.left : param;
  const t = (p?.typeAnnotation as Node | undefined)?.typeAnnotation as Node | undefined;
  if (p?.type !== 'ObjectPattern') return t;
  let members = t?.type === 'TSTypeLiteral' ? (t.members as Node[]) : undefined;
  if (t?.type === 'TSTypeReference' && t.typeName?.type === 'Identifier') {
    const d = (ctx.program.body as Node[])
      .map((s) => (s.type === 'ExportNamedDeclaration' ? (s.declaration as Node | null) : s))
      .find(
        (s) =>
          /^TS(?:Interface|TypeAlias)Declaration$/.test(s?.type ?? '') && s?.id?.name === t.typeName.name,
      );
    members = d?.type === 'TSInterfaceDeclaration' ? d.body.body : d?.typeAnnotation?.members;
  }
  const m = members?.find((x) => propertyName(x.key, x.computed as boolean) === name);
  return m?.typeAnnotation?.typeAnnotation as Node | undefined;
}

const NOT_RESPONSE_KEYWORDS = /^TS(?:String|Number|Boolean|BigInt|Void|Undefined|Null|Never|Object)Keyword$/;

/**
 * The parameter's own type makes it a loader of the caller's, a function answering a Promise of something
 * plainly not a Response: a type parameter or a type whose name says no Response (`fetch: (pageParam: V |
 * undefined) => Promise<R>`, a paging helper's callback), or a keyword type. A Response in any spelling
 * (`FetchResponse`, `globalThis.Response`, node-fetch's), `any`, or no type at all keeps it a fetch.
 */
function typedAsLoader(ctx: ModuleContext, param: Node, name: string): boolean {
  const fn = declaredType(ctx, param, name);
  if (fn?.type !== 'TSFunctionType') return false;
  const ret = fn.returnType?.typeAnnotation as Node | undefined;
  if (
    ret?.type !== 'TSTypeReference' ||
    ret.typeName?.type !== 'Identifier' ||
    ret.typeName.name !== 'Promise'
  )
    return false;
  const answer = ((ret.typeArguments ?? ret.typeParameters)?.params as Node[] | undefined)?.[0];
  if (answer === undefined) return false;
  if (NOT_RESPONSE_KEYWORDS.test(answer.type)) return true;
  if (answer.type !== 'TSTypeReference') return false;
  const typeName = answer.typeName?.type === 'TSQualifiedName' ? answer.typeName.right : answer.typeName;
  const spelled = typeName?.type === 'Identifier' ? (typeName.name as string) : undefined;
  if (spelled === undefined || /Response/i.test(spelled)) return false;
  return !/Response/i.test(ctx.imports.get(spelled)?.imported ?? '');
}

/** Type names an axios instance is declared with. */
const AXIOS_TYPES = new Set(['AxiosInstance', 'AxiosStatic']);

function typeName(param: Node): string | undefined {
  const p = param.type === 'AssignmentPattern' ? param.left : param;
  const t = (p?.typeAnnotation as Node | undefined)?.typeAnnotation;
  if (t?.type !== 'TSTypeReference') return undefined;
  const name = t.typeName;
  if (name?.type === 'Identifier') return name.name as string;
  return name?.type === 'TSQualifiedName' ? (name.right?.name as string | undefined) : undefined;
}

/**
 * The identifier is a parameter holding an axios instance: typed `AxiosInstance` (from axios), or
 * defaulting to the axios import (`client = axios`).
 */
export function axiosInstanceParam(ctx: ModuleContext, id: Node): boolean {
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param') return false;
  const param = binding.declaration;
  const name = typeName(param);
  if (name !== undefined && AXIOS_TYPES.has(name)) {
    const imp = ctx.imports.get(name);
    return imp === undefined ? /['"]axios['"]/.test(ctx.source) : imp.source === 'axios';
  }
  if (param.type !== 'AssignmentPattern') return false;
  const fallback = unwrap(param.right);
  return (
    fallback?.type === 'Identifier' && ctx.importOf(fallback.name as string, fallback)?.source === 'axios'
  );
}

/** The instance types HTTP libraries export, by library: what a parameter holding a client is typed as. */
const CLIENT_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  got: new Set(['Got']),
  axios: AXIOS_TYPES,
  ky: new Set(['KyInstance']),
};

/**
 * The instance methods that build or describe and send nothing: got's and ky's `extend` (a new instance),
 * axios's `create` and `getUri` (a URL string), `mergeOptions`. A catch around them loses no other system.
 */
const NO_REQUEST = /^(extend|create|getUri|mergeOptions|isAxiosError|isCancel)$/;

/**
 * `client.get('users').json()` on a parameter typed by an HTTP library's instance type, imported from it
 * (`client: Got`, `http: AxiosInstance`, `api: KyInstance`): whatever instance the caller builds, the call
 * is a request to another system.
 * @example
 * typedClientCall(ctx, call) // true for `client.get(url)` in `async (code: string, client: Got) => ...`
 */
export function typedClientCall(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  if (NO_REQUEST.test(propertyName(callee.property as Node, callee.computed as boolean) ?? '')) return false;
  const object = unwrap(callee.object);
  if (object?.type !== 'Identifier') return false;
  const binding = ctx.resolve(object.name as string, object);
  if (binding?.kind !== 'param') return false;
  const name = typeName(binding.declaration);
  if (name === undefined) return false;
  // `import type { Got } from 'got'` binds no value, so it is read from the text.
  const source =
    ctx.imports.get(name)?.source ??
    new RegExp(
      `import\\s+type\\s*\\{[^}]*\\b${escapeRegExp(name)}\\b[^}]*\\}\\s*from\\s*['"]([\\w-]+)['"]`,
    ).exec(ctx.source)?.[1];
  return (
    source !== undefined &&
    Object.hasOwn(CLIENT_TYPES, source) &&
    CLIENT_TYPES[source]?.has(name as string) === true
  );
}

/** A retry applied to an axios instance: axios-retry, retry-axios, or an interceptor that retries. */
const AXIOS_RETRY =
  /axios-retry|axiosRetry|retry-axios|\brax\.attach|interceptors[\s\S]{0,400}\bretr(?:y|ies)\b/;

/** A request config of the module asks for an idempotent method (`method: 'GET'`). */
const IDEMPOTENT_METHOD = /\bmethod\s*:\s*['"`](?:get|head|put|delete|options)['"`]/i;

/** What the HTTP client instances a module creates lack. */
export interface ClientFacts {
  /** An `axios.create`/`got.extend` without a timeout. */
  readonly untimed?: true;
  /** An axios instance with no retry. */
  readonly unretried?: true;
  /** Its request configs ask for an idempotent method (`method: 'GET'`) of a helper they are handed to. */
  readonly idempotent?: true;
}

/** Does the module ask for idempotent methods in request configs, with no retry on its axios instances? */
export function unretriedAxios(ctx: ModuleContext): boolean {
  return IDEMPOTENT_METHOD.test(ctx.source) && !AXIOS_RETRY.test(ctx.source);
}

/** The facts of the instances the module creates, if it creates any. */
export function clientFacts(ctx: ModuleContext): ClientFacts | undefined {
  if (!ctx.spells('.create') && !ctx.spells('.extend')) return undefined;
  let untimed = false;
  let unretried = false;
  for (const call of ctx.of('CallExpression')) {
    const lib = instanceFactory(ctx, call);
    if (lib === undefined) continue;
    if (creationWithoutTimeout(ctx, call) !== undefined) untimed = true;
    if (lib === 'axios' && !AXIOS_RETRY.test(ctx.source)) unretried = true;
  }
  if (!untimed && !unretried) return undefined;
  return {
    ...(untimed ? { untimed: true as const } : {}),
    ...(unretried ? { unretried: true as const } : {}),
    ...(unretried && IDEMPOTENT_METHOD.test(ctx.source) ? { idempotent: true as const } : {}),
  };
}

const AXIOS_TIMEOUT_KEYS = ['timeout', 'signal', 'cancelToken'];

/**
 * Does a request config handed to an instance from the callers name its own bound? A literal object
 * (spreads aside) is read; the caller's own config (a parameter) is theirs to bound; anything else is
 * given the benefit of the doubt.
 */
export function namesTimeout(ctx: ModuleContext, options: Node | undefined): boolean {
  if (options === undefined) return false;
  const value = ctx.valueOf(options);
  const props = objectProps(value);
  if (props !== undefined) return AXIOS_TIMEOUT_KEYS.some((k) => props.props.has(k));
  const id = unwrap(options);
  return !(id?.type === 'Identifier' && ctx.resolve(id.name as string, id)?.kind === 'param');
}

/**
 * `this.<field>` declared as an axios instance and filled from outside: a property typed `AxiosInstance`
 * (`private readonly http: AxiosInstance`, a constructor parameter property) with no creation of its own.
 */
export function axiosInstanceField(ctx: ModuleContext, member: Node): boolean {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression' || unwrap(m.object)?.type !== 'ThisExpression') return false;
  const field = propertyName(m.property, m.computed as boolean);
  if (field === undefined || !ctx.spells('AxiosInstance')) return false;
  for (let n = ctx.parentOf(m); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassBody') continue;
    for (const el of n.body as Node[]) {
      if (el.type === 'PropertyDefinition' && propertyName(el.key, el.computed as boolean) === field)
        return el.value == null && AXIOS_TYPES.has(typeName(el) ?? '');
      if (el.type !== 'MethodDefinition' || el.kind !== 'constructor') continue;
      for (const p of el.value.params as Node[])
        if (p.type === 'TSParameterProperty' && unwrap(p.parameter)?.name === field)
          return AXIOS_TYPES.has(typeName(p.parameter as Node) ?? '');
    }
    return false;
  }
  return false;
}

// DELETE is left out (rules/http.ts IDEMPOTENT): sent again after a lost response it answers 404.
const IDEMPOTENT_LITERAL = /['"`](?:GET|HEAD|PUT)['"`]|\bmethod\s*:\s*['"`](?:get|head|put)['"`]/;
const WRITE_LITERAL = /['"`](?:POST|PATCH)['"`]|\bmethod\s*:\s*['"`](?:post|patch)['"`]/;

/**
 * The method of a request whose `method` is a parameter of its function (`fetch(url, { method })` in a
 * `request(method, path)` wrapper): its default, else what the module's callers of it spell (`'GET'`
 * handed in by a `get()` beside it); undefined when nothing says.
 *
 * @example
 * openMethod(ctx, methodId) // 'GET' for request(method: string) called as this.request('GET', path)
 */
export function openMethod(ctx: ModuleContext, value: Node | undefined): string | undefined {
  const id = unwrap(value);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param') return undefined;
  const param = binding.declaration;
  if (param.type === 'AssignmentPattern') {
    const fallback = unwrap(param.right);
    if (fallback?.type === 'Literal' && typeof fallback.value === 'string')
      return fallback.value.toUpperCase();
  }
  if (IDEMPOTENT_LITERAL.test(ctx.source)) return 'GET';
  return WRITE_LITERAL.test(ctx.source) ? 'POST' : undefined;
}
