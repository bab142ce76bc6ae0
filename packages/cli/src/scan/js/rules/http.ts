// http-no-timeout and no-retry: outbound HTTP calls through fetch, node-fetch, undici, axios, got, ky
// and superagent, judged with what surrounds them (wrappers, configured instances, library defaults).
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { sharedRequest } from '../callerNames.js';
import { namesTimeout, unretriedAxios } from '../handedInClients.js';
import { classifyHttpCall } from '../httpCall.js';
import { instanceEscapes, instanceFactory } from '../httpInstances.js';
import { idempotentRequest } from '../idempotentRequest.js';
import { lambdaExtension } from '../lambdaExtension.js';
import type { ModuleContext } from '../ModuleContext.js';
import { destroysOnTimeout } from '../nodeHttpModules.js';
import { offServicePath } from '../offServicePath.js';
import { chainedMethods, coverAt } from '../protection.js';
import { isServerModule } from '../serverModule.js';
import { getFromCaller } from '../spreadOptionsMethod.js';
import { untimedApiClients } from './apiClients.js';
import { defaultAxiosFromCaller, type TimeoutFromCaller, timeoutFromCaller } from './callerTimeouts.js';
import { selectsOwnWork } from './catchExemptions.js';
import { deadAbortTimers } from './deadAbortTimers.js';
import { untimedGraphqlRequests } from './graphqlRequestClients.js';
import {
  creationWithoutTimeout,
  optionsBound,
  optionsExplicitlyUnbounded,
  retriesByDefault,
  TIMEOUT_KEYS,
} from './httpTimeoutOptions.js';
import { locallyHandedUntimed } from './locallyHandedOptions.js';
import type { Report, Rule } from './Report.js';
import { isRedeliveredConsumer, retryAsked } from './retryAsked.js';
import { consumersRetry, sharedOnly } from './sharedRequestScope.js';
import { unguardedUrqlClients } from './urqlClients.js';

export { classifyHttpCall };

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

export const httpRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (offServicePath(ctx)) return; // a load generator or a command-line program: its runner watches it
  untimedApiClients(ctx, report);
  untimedGraphqlRequests(ctx, report);
  unguardedUrqlClients(ctx, report);
  deadAbortTimers(ctx, report); // a timers/promises abort timer that never fires: rules/deadAbortTimers.ts
  const retried = axiosRetried(ctx);
  // A request builder that picks the method in a switch (`case 'get': return http.get(uri)`) is one
  // request, made one way or another: its cases are reported once, at the first.
  const builders = new Set<string>();
  const once = (rule: string, call: Node): boolean => {
    const builder = switchAround(ctx, call);
    if (builder === undefined) return true;
    const key = `${rule}:${builder.start}`;
    if (builders.has(key)) return false;
    builders.add(key);
    return true;
  };
  // Retrying is a server-side concern: judged in modules that are visibly server code, and in a plain
  // module (global fetch, no Node import) only when a handler given an event is found calling it.
  const frontend = /\.[jt]sx$/.test(ctx.file);
  const plain = !frontend && !isServerModule(ctx);
  const untimedLocal: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    // Instance creation sites: `axios.create()` / `got.extend()` without a timeout.
    // Its requests are judged where they are made; the creation line carries the finding only when the
    // instance leaves the module, so its requests are made where this module cannot see them.
    const factory = instanceFactory(ctx, call);
    if (factory !== undefined) {
      const created = creationWithoutTimeout(ctx, call);
      const escapes = created !== undefined || factory === 'axios' ? instanceEscapes(ctx, call) : false;
      if (created !== undefined && escapes && !coverAt(ctx, call).kinds.has('timeout'))
        report(
          'http-no-timeout',
          call,
          `${created}() without a timeout: every request through this client can wait forever`,
        );
      // An axios instance that leaves the module with no retry, while the module's request configs
      // ask for idempotent methods (handed to a request helper): the retry belongs on the instance.
      if (factory === 'axios' && escapes && !frontend && unretriedAxios(ctx) && !ownRetry(ctx, call))
        report(
          'no-retry',
          call,
          'axios.create() without a retry (axios-retry or an interceptor): the idempotent requests made through this client fail on the first transient fault',
          sharedOnly(ctx, call, plain),
        );
      continue;
    }
    const http = classifyHttpCall(ctx, call);
    if (http === undefined || lambdaExtension(ctx, call)) continue;
    const cover = coverAt(ctx, call);
    const via = cover.via;
    const label =
      http.package !== undefined
        ? `${http.package} ${calleeName(call) ?? ''}()`
        : http.receiver === 'RESTDataSource'
          ? `RESTDataSource this.${calleeName(call) ?? ''}()`
          : http.lib === 'node-http' // `https.request()`, or `nodeRequest()` imported by that name
            ? `${memberPath(call.callee)?.join('.') ?? 'http.request'}()`
            : http.lib === 'fetch' || http.lib === 'undici' || isCalled(call)
              ? `${http.lib}()`
              : `${http.lib}.${calleeName(call) ?? ''}()`;

    // Timeout.
    let bounded: boolean = cover.kinds.has('timeout');
    let optional = false;
    let untimedUnless: { ref: ImportRef; argSeen: boolean }[] | undefined;
    let fromCaller: TimeoutFromCaller | undefined;
    if (!bounded) {
      if (http.lib === 'ky') bounded = !optionsExplicitlyUnbounded(ctx, http.options);
      else if (http.lib === 'superagent') bounded = chainedMethods(ctx, call).includes('timeout');
      else if (http.lib === 'node-http') {
        const scope = ctx.enclosingFunction(call) ?? ctx.program;
        const text = ctx.source.slice(scope.start, scope.end);
        // `signal` and `req.setTimeout(ms, cb)` bound the request by themselves; the `timeout` option only
        // with a 'timeout' listener that ends it.
        bounded =
          /\.setTimeout\(/.test(text) ||
          optionsBound(ctx, http.options, ['signal']) !== false ||
          (destroysOnTimeout(text) && optionsBound(ctx, http.options, TIMEOUT_KEYS[http.lib]) !== false);
      } else if (
        http.instance !== undefined &&
        (http.instances ?? [http.instance]).every((i) => creationWithoutTimeout(ctx, i) === undefined)
      )
        bounded = true; // every instance it can be carries a timeout (or one cannot be seen)
      else if (http.handedIn === true) {
        // The callers' instance decides, unless the request names its own bound.
        bounded = namesTimeout(ctx, http.options);
        // `client = axios`: a caller that hands nothing in sends through axios's default, which has none.
        const byDefault = bounded ? undefined : defaultAxiosFromCaller(ctx, call);
        if (!bounded && once('http-no-timeout', call))
          report(
            'http-no-timeout',
            call,
            byDefault !== undefined
              ? `${label} on a client parameter that defaults to axios, and a caller passes none: axios sets no timeout by default, so the request can wait forever`
              : `${label} on an axios instance its callers hand in, created without a timeout, and the request sets none: every request through this helper can wait forever`,
            {
              onlyIfCallerClients: { request: sharedRequest(ctx, call), need: ['untimed'] },
              // Also when a caller hands in an untimed instance, not only when one leaves the default.
              ...(byDefault !== undefined ? { onlyIfCallerOmits: byDefault, callerEither: true } : {}),
            },
          );
        bounded = true;
      } else if (
        http.defaults !== undefined &&
        optionsBound(ctx, http.defaults, TIMEOUT_KEYS[http.lib]) !== false
      ) {
        bounded = true; // the copy's defaults carry a timeout (or cannot be read)
      } else {
        const bound = optionsBound(ctx, http.options, TIMEOUT_KEYS[http.lib]);
        optional = bound === 'optional';
        bounded = bound === true && !locallyHandedUntimed(ctx, http.options, TIMEOUT_KEYS[http.lib]);
        fromCaller = timeoutFromCaller(ctx, call, http.options, TIMEOUT_KEYS[http.lib], bounded || optional);
        if (fromCaller !== undefined) bounded = false;
        if (Array.isArray(bound)) untimedUnless = bound.map((d) => ({ ref: d.ref, argSeen: d.argSeen }));
      }
    }
    if (!bounded && http.lib === 'axios' && ctx.spells('defaults.timeout')) bounded = true;
    if (
      !bounded &&
      !optional &&
      via.length === 0 &&
      untimedUnless === undefined &&
      http.instance !== undefined
    ) {
      // An instance this module creates: its config is the fix, so the finding goes to its creation, once
      // (where an instance that leaves the module is reported anyway).
      for (const i of http.instances ?? [http.instance]) if (!untimedLocal.includes(i)) untimedLocal.push(i);
    } else if (!bounded && once('http-no-timeout', call)) {
      report(
        'http-no-timeout',
        call,
        optional || fromCaller !== undefined
          ? `${label} has a timeout only when the caller passes one: a call that passes none can wait forever`
          : `${label} has no timeout or abort signal`,
        {
          ...(via.length > 0 ? { unlessImportProvides: { kind: 'timeout' as const, imports: via } } : {}),
          ...(untimedUnless !== undefined ? { onlyIfOptionsUntimed: untimedUnless } : {}),
          ...(fromCaller !== undefined ? { onlyIfCallerOmits: fromCaller } : {}),
        },
      );
    }

    // Retry: only idempotent requests, only where retries are not already there. An API client package
    // decides its own retries (an axios-like one is axios: none).
    if (frontend || cover.kinds.has('retry') || (http.package !== undefined && http.lib !== 'axios'))
      continue;
    if (retriesByDefault(http.lib)) continue; // got, ky, ofetch retry idempotent requests by default
    // A raw client: the retry belongs a layer up, unless the request is a one-shot callback to a
    // presigned URL (a CloudFormation custom resource's ResponseURL), which nobody above retries.
    if (http.lib === 'node-http' && !/\bResponseURL\b/.test(ctx.source)) continue;
    if (http.lib === 'superagent' && chainedMethods(ctx, call).includes('retry')) continue;
    // The library called as a function (superagent's `request(url)`, sync-request's `request('GET', url)`) is
    // judged for its timeout only: its retries were not measured (a probe's failure is its answer).
    if (http.lib === 'then-request' || (http.lib === 'superagent' && isCalled(call))) continue;
    if (http.lib === 'axios' && http.receiver !== undefined && retried.has(http.receiver)) continue;
    if (http.lib === 'axios' && http.receiver !== undefined && /axiosRetry|axios-retry/.test(ctx.source))
      continue;
    // A helper handed both its client and its config: its callers' instance and configs decide.
    const handed = http.handedIn === true && http.method === undefined;
    // Options the callers hand in whole, no method spelled: a caller passing none of its own sends a GET.
    const gets = !handed && http.method === undefined ? getFromCaller(ctx, call, http.options) : undefined;
    if (!handed && gets === undefined && !idempotentRequest(ctx, call, http)) continue;
    const routed = retryAsked(ctx, call);
    if (routed === undefined || !once('no-retry', call)) continue;
    // In a shared module (no handler of its own), the handlers that reach the request decide it.
    // A consumer's redelivery retries a request it reaches, as in the handler's own module (above). A
    // helper handed its callers' instance is not given that allowance: those clients fan requests out
    // per item, and redelivering the whole batch repeats every call for one that failed.
    const handedTo = http.handedIn === true ? sharedRequest(ctx, call) : undefined;
    const shared =
      handedTo === undefined ? consumersRetry(sharedOnly(ctx, call, plain)) : sharedOnly(ctx, call, plain);
    report(
      'no-retry',
      call,
      handedTo !== undefined
        ? `${label} on an axios instance its callers hand in, created with no retry: the idempotent requests they make through this helper fail on the first transient fault`
        : `${label} (${http.method ?? 'GET'}) is not retried: one transient fault fails the caller`,
      {
        ...shared,
        ...routed,
        ...(handedTo !== undefined
          ? { onlyIfCallerClients: { request: handedTo, need: handedNeed(http.method) } }
          : {}),
        ...(via.length > 0 ? { unlessImportProvides: { kind: 'retry' as const, imports: via } } : {}),
        ...(gets !== undefined ? { onlyIfCallerOmits: gets } : {}),
      },
    );
  }
  for (const created of untimedLocal) {
    const what = creationWithoutTimeout(ctx, created);
    if (what !== undefined && !coverAt(ctx, created).kinds.has('timeout') && once('http-no-timeout', created))
      report(
        'http-no-timeout',
        created,
        `${what}() without a timeout: every request this module makes through this client can wait forever`,
      );
  }
};

/** A helper's request of a known method needs an unretried instance; one of the callers' method, their idempotent configs too. */
function handedNeed(method: string | undefined): ('unretried' | 'idempotent')[] {
  return method === undefined ? ['unretried', 'idempotent'] : ['unretried'];
}

/** The instance is created where a retry covers it, or in a consumer or job, whose redelivery or next run is the retry. */
function ownRetry(ctx: ModuleContext, create: Node): boolean {
  if (coverAt(ctx, create).kinds.has('retry')) return true;
  return (
    ctx.handlerKindAt(create) !== undefined && (isRedeliveredConsumer(ctx) || selectsOwnWork(ctx, true, true))
  );
}

/** The library called as a function (`request(options)`, `needle('get', url)`), not through a method. */
function isCalled(call: Node): boolean {
  return unwrap(call.callee)?.type === 'Identifier';
}

/** The `switch` whose case the call is made in, within its function. */
function switchAround(ctx: ModuleContext, call: Node): Node | undefined {
  for (let n = ctx.parentOf(call); n !== undefined && !isFunction(n); n = ctx.parentOf(n))
    if (n.type === 'SwitchStatement') return n;
  return undefined;
}
