// http-no-timeout for the Home Graph calls of actions-on-google's smart home app (catalogued in
// rules/thirdPartyClients.ts). actions-on-google-nodejs src/service/smarthome/smarthome.ts sends
// `requestSync` and `reportState` through `common.request` (src/common.ts: `https.request` bound as is) with
// a hostname, path and headers and no timeout, after a `google.auth.JWT` authorize (gaxios, timeout 0); the
// app takes no option that bounds either. The fix is at the call (a race against a timer, or the
// @googleapis/homegraph client with a timeout), so each call is reported.
import { calleeName, type Node, unwrap } from '../ast.js';
import { loadsPackage } from '../loadsPackage.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import type { Report } from './Report.js';

/** The app's methods that call Home Graph. */
const HOME_GRAPH_CALLS = new Set(['requestSync', 'reportState']);

/** Does the module load actions-on-google? (a text test before any walk) */
export function mentionsActionsOnGoogle(source: string): boolean {
  return loadsPackage(source, 'actions-on-google');
}

/** `smarthome(options)` from actions-on-google behind the receiver (a name the module binds to it). */
function smarthomeApp(ctx: ModuleContext, receiver: Node | undefined): boolean {
  const built = unwrap(ctx.valueOf(receiver));
  if (built?.type !== 'CallExpression') return false;
  const callee = unwrap(built.callee as Node);
  if (callee === undefined) return false;
  const imp = ctx.importRoot(callee);
  if (imp?.source !== 'actions-on-google') return false;
  const name = callee.type === 'Identifier' ? imp.imported : calleeName(built);
  return name === 'smarthome';
}

/**
 * Home Graph calls (`app.requestSync(id)`, `app.reportState(body)`) of a smart home app the module builds.
 * @example
 * untimedSmarthome(ctx, report); // reports `await app.reportState(request)` for `const app = smarthome({ jwt })`
 */
export function untimedSmarthome(ctx: ModuleContext, report: Report): void {
  if (!mentionsActionsOnGoogle(ctx.source)) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const method = calleeName(call);
    if (callee?.type !== 'MemberExpression' || method === undefined || !HOME_GRAPH_CALLS.has(method))
      continue;
    if (!smarthomeApp(ctx, callee.object as Node) || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      `actions-on-google ${method}() has no timeout: the smart home app sends it to Home Graph with https.request and sets none; bound the call (race it against a timer) or use @googleapis/homegraph with a timeout`,
    );
  }
}
