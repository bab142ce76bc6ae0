// http-no-timeout for NestJS's `HttpService` (@nestjs/axios). A service is handed the client by injection
// (`constructor(private readonly http: HttpService)`) and sends with `this.http.get(url, config)` (an
// Observable over axios) or `this.http.axiosRef.get(...)`. The axios instance behind it is configured where
// a Nest module imports `HttpModule`: bare, or `HttpModule.register({ timeout })` (@nestjs/axios README,
// "Configuration": the options are axios's request config). axios's own default timeout is 0, none, so a
// module importing plain `HttpModule` or `HttpModule.register({})` hands out a client that waits forever.
//
// Reported at the request, kept by the project pass only when every HttpModule the project configures
// (in the caller's own package first: projectClients.ts) lacks a timeout. Not reported when the request's
// own config names one, or when the Observable is piped through rxjs's `timeout(...)` operator, which
// errors (and unsubscribes, aborting the request) after the time given. `registerAsync` (options from a
// factory out of sight) is given the benefit of the doubt.
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { receiverClass } from '../memberClass.js';
import { optionsBound } from './httpTimeoutOptions.js';
import type { Report } from './Report.js';

/** HttpService's request methods, and where their config sits among the arguments. */
const CONFIG_AT: Readonly<Record<string, number>> = {
  get: 1,
  delete: 1,
  head: 1,
  options: 1,
  post: 2,
  put: 2,
  patch: 2,
  request: 0,
};

const AXIOS_TIMEOUT_KEYS = ['timeout', 'signal', 'cancelToken'];

/**
 * Can a module's text configure NestJS's HttpModule (the deferred modules the project pass analyses)?
 * @example
 * mayBuildNestHttp("imports: [HttpModule.register({})]") // true
 */
export function mayBuildNestHttp(text: string): boolean {
  return text.includes('HttpModule') && text.includes('@nestjs/axios');
}

/** Is the receiver NestJS's injected HttpService (or its `axiosRef`)? */
function nestHttpService(ctx: ModuleContext, receiver: Node | undefined): boolean {
  let r = unwrap(receiver);
  if (r?.type === 'MemberExpression' && propertyName(r.property, r.computed as boolean) === 'axiosRef')
    r = unwrap(r.object);
  const cls = receiverClass(ctx, r);
  return cls?.kind === 'import' && cls.source === '@nestjs/axios' && cls.name === 'HttpService';
}

/** `this.http.get(url).pipe(timeout(5_000), ...)`: rxjs's timeout operator bounds the request. */
function pipedThroughTimeout(ctx: ModuleContext, call: Node): boolean {
  const member = ctx.parentOf(call);
  if (
    member?.type !== 'MemberExpression' ||
    propertyName(member.property, member.computed as boolean) !== 'pipe'
  )
    return false;
  const pipe = ctx.parentOf(member);
  return (
    pipe?.type === 'CallExpression' &&
    (pipe.arguments as Node[]).some((a) => a.type === 'CallExpression' && calleeName(a) === 'timeout')
  );
}

/**
 * Requests through NestJS's HttpService with no timeout of their own.
 * @example
 * untimedNestHttp(ctx, report) // reports `this.http.get(url, { params })` in a service injected with HttpService
 */
export function untimedNestHttp(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('@nestjs/axios')) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const method = propertyName(callee.property, callee.computed as boolean) ?? '';
    const at = Object.hasOwn(CONFIG_AT, method) ? CONFIG_AT[method] : undefined;
    if (at === undefined || !nestHttpService(ctx, callee.object as Node)) continue;
    if (optionsBound(ctx, (call.arguments as Node[])[at], AXIOS_TIMEOUT_KEYS) !== false) continue;
    if (pipedThroughTimeout(ctx, call)) continue;
    report(
      'http-no-timeout',
      call,
      `NestJS HttpService ${method}() has no timeout: the HttpModule it comes from sets none, and axios waits forever by default; register it with HttpModule.register({ timeout }) or pipe the request through rxjs timeout()`,
      { onlyIfProjectClientsUntimed: 'nest-http' },
    );
  }
}

/**
 * What the HttpModule imports of this module hand out: 'untimed' when each one (bare `HttpModule`,
 * `HttpModule.register({...})`) sets no timeout, 'timed' when one may; undefined when it configures none.
 * @example
 * nestHttpBuilds(ctx) // 'untimed' for app.module.ts importing `HttpModule.register({})`
 */
export function nestHttpBuilds(ctx: ModuleContext): 'timed' | 'untimed' | undefined {
  if (!mayBuildNestHttp(ctx.source)) return undefined;
  const verdicts: boolean[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const imp = ctx.importRoot(callee);
    if (imp?.source !== '@nestjs/axios' || imp.imported !== 'HttpModule') continue;
    const method = propertyName(callee.property, callee.computed as boolean);
    if (method === 'registerAsync') verdicts.push(true);
    else if (method === 'register')
      verdicts.push(optionsBound(ctx, (call.arguments as Node[])[0], ['timeout']) !== false);
  }
  // `imports: [HttpModule]`: the module as is, on axios's defaults.
  if (/[[,]\s*HttpModule\s*[,\]]/.test(ctx.source)) verdicts.push(false);
  if (verdicts.length === 0) return undefined;
  return verdicts.some((v) => v) ? 'timed' : 'untimed';
}
