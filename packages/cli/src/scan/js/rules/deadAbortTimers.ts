// http-no-timeout for an abort timer that never fires: `setTimeout(ms, () => controller.abort())` with
// `setTimeout` imported from `timers/promises` (or `node:timers/promises`). That setTimeout is
// `setTimeout(delay, value, options)`: it returns a promise resolved with `value` after the delay and never
// calls a function handed to it (Node's timers/promises docs), so the abort does not happen.
// A dead abort is a finding of this rule only where it leaves a request unbounded: the controller's signal
// (`controller.signal`, read in the same function) is the `signal` option of a request the HTTP rules
// model (classifyHttpCall), and nothing else bounds that request (no other timeout key, no instance or
// library default, no cover). A signal handed to spawn, a stream, `AbortSignal.any([...])` or an SDK method
// stays silent, and so does a timer whose promise is chained (`.then(abort => abort())` does call it).
// Only modules the pre-parse gate admits are read (js/ruleGate.ts: the words `timers/promises` and `abort`).
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { classifyHttpCall } from '../httpCall.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mergedProps } from '../mergedOptions.js';
import { isPromiseSetTimeout } from '../promiseTimers.js';
import { coverAt } from '../protection.js';
import { creationWithoutTimeout, optionsBound, TIMEOUT_KEYS } from './httpTimeoutOptions.js';
import type { Report } from './Report.js';

/** The controllers the function (inline, or a local one by name) aborts: `controller` of `controller.abort()`. */
function abortedControllers(ctx: ModuleContext, arg: Node | undefined): Set<string> {
  const out = new Set<string>();
  const fn = ctx.functionOf(arg);
  if (fn === undefined) return out;
  const body = fn.body as Node;
  const collect = (n: Node): boolean => {
    const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined;
    if (callee?.type !== 'MemberExpression' || calleeName(n) !== 'abort') return false;
    const path = memberPath(callee.object as Node)?.join('.');
    if (path !== undefined) out.add(path);
    return false;
  };
  // An expression body that is itself the call (`() => controller.abort()`) is not below the body node.
  collect(unwrap(body) as Node);
  someDescendant(body, collect, true);
  return out;
}

/** The request's options, read whole when the module spells them (a literal or a merge of literals). */
function signalOf(ctx: ModuleContext, options: Node | undefined): Node | undefined {
  return unwrap(mergedProps(ctx, options)?.get('signal'));
}

/**
 * Is the request an unbounded one but for `signal`? The facts the main rule uses (rules/http.ts): no
 * timeout cover around it, no other timeout key in its options, no instance created with a timeout; ky
 * (10 s default), superagent (chained `.timeout`) and node:http (`req.setTimeout`) are left out.
 */
function unboundedButForSignal(ctx: ModuleContext, call: Node, controllers: Set<string>): boolean {
  const http = classifyHttpCall(ctx, call);
  if (http === undefined || http.handedIn === true || http.defaults !== undefined) return false;
  if (http.lib === 'ky' || http.lib === 'superagent' || http.lib === 'node-http') return false;
  const signal = signalOf(ctx, http.options);
  const path = signal?.type === 'MemberExpression' ? memberPath(signal)?.join('.') : undefined;
  if (!path?.endsWith('.signal') || !controllers.has(path.slice(0, -'.signal'.length))) return false;
  const others = TIMEOUT_KEYS[http.lib].filter((k) => k !== 'signal');
  if (optionsBound(ctx, http.options, others) !== false) return false;
  if (http.instance !== undefined) {
    const instances = http.instances ?? [http.instance];
    if (instances.some((i) => creationWithoutTimeout(ctx, i) === undefined)) return false;
  }
  return !coverAt(ctx, call).kinds.has('timeout');
}

/**
 * Abort timers written with the promise setTimeout, whose callback never runs, where the aborted
 * controller's signal is a modelled HTTP request's only bound.
 * @example
 * deadAbortTimers(ctx, report); // reports `setTimeout(45_000, () => c.abort())` before `fetch(url, { signal: c.signal })`
 */
export function deadAbortTimers(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('timers/promises') || !ctx.spells('abort')) return;
  for (const call of ctx.of('CallExpression')) {
    const args = call.arguments as Node[];
    if (args.length < 2 || !isPromiseSetTimeout(ctx, unwrap(call.callee))) continue;
    // `setTimeout(ms, fn).then((f) => f())` resolves with the function and calls it: the abort fires.
    const up = ctx.climb(call, (p) => p.type === 'ParenthesizedExpression' || p.type === 'AwaitExpression');
    if (up.parent?.type === 'MemberExpression') continue;
    const controllers = abortedControllers(ctx, args[1]);
    if (controllers.size === 0) continue;
    const scope = ctx.enclosingFunction(call) ?? ctx.program;
    const requests = ctx
      .of('CallExpression')
      .filter((c) => c.start >= scope.start && c.end <= scope.end && c !== call);
    if (!requests.some((c) => unboundedButForSignal(ctx, c, controllers))) continue;
    report(
      'http-no-timeout',
      call,
      "this abort never fires: setTimeout from 'timers/promises' takes (delay, value) and never calls a function, so the request its controller's signal bounds has no timeout; pass AbortSignal.timeout(ms) instead (or use the global setTimeout(fn, ms))",
    );
  }
}
