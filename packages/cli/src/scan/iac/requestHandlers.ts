// Handlers a template wires to an HTTP route: a user waits on each answer, whatever the handler reads
// from its request (a route that lists everything reads nothing). Asked by no-retry, which otherwise takes a
// handler that ignores its event for a scheduled job whose next run is the retry (eventCallers.ts).
import { type Json, obj } from './IacResult.js';

/**
 * Handler strings of a serverless configuration's functions with an `http` (REST API) or `httpApi`
 * (HTTP API) event.
 *
 * @example
 * serverlessRequestHandlers({ functions: { f: { handler: 'src/f.main', events: [{ httpApi: { path: '/x' } }] } } }) // ['src/f.main']
 */
export function serverlessRequestHandlers(config: Record<string, Json>): string[] {
  const out: string[] = [];
  for (const f of Object.values(obj(config.functions) ?? {})) {
    const fn = obj(f);
    if (typeof fn?.handler !== 'string' || !Array.isArray(fn.events)) continue;
    const routed = (fn.events as Json[]).some((ev) => {
      const e = obj(ev) ?? {};
      return e.http !== undefined || e.httpApi !== undefined;
    });
    if (routed) out.push(fn.handler);
  }
  return out;
}
