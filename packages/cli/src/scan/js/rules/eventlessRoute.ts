// A handler that reads nothing from its event looks like a job that selects its own work, whose next run
// is the retry (selectsOwnWork). A template may say otherwise: an HTTP route that lists everything reads
// no request field either, yet a user waits on its answer and nothing runs it again. no-retry reports such
// a handler's requests kept only where a template routes one of its exports (`onlyIfRouted`).
import type { ModuleContext } from '../ModuleContext.js';
import { exportNamesOf } from './lambda.js';

/**
 * The export names of the module's entry handlers, which a template must route for a job-shaped
 * handler's request to be judged; undefined when the module exports none.
 * @example
 * // module.exports.handler = respond(async () => fetchRates())   // serverless.yml: http GET /rates
 * eventlessRoute(ctx) // { onlyIfRouted: ['handler'] }
 */
export function eventlessRoute(ctx: ModuleContext): { readonly onlyIfRouted: readonly string[] } | undefined {
  const names = new Set<string>();
  for (const [fn, kind] of ctx.handlers)
    if (kind === 'entry') for (const n of exportNamesOf(ctx, fn)) names.add(n);
  return names.size === 0 ? undefined : { onlyIfRouted: [...names] };
}
