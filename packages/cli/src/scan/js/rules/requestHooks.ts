// A handler that takes no event is usually a job that selects its own work (a schedule): the next run is
// its retry (catchExemptions.ts). SST's API handlers take no event either: `ApiHandler(async () => ...)`
// from `sst/node/api` reads its request through hooks (`useJsonBody()`, `usePathParam('id')`,
// `useQueryParams()`), so its answer goes to a client waiting on it, and a failure is no next run's work.
import type { ModuleContext } from '../ModuleContext.js';

/** The request hooks and the API wrapper `sst/node/api` exports. */
const SST_API =
  /^(?:ApiHandler|use(?:JsonBody|Body|FormData|FormValue|PathParams?|QueryParams?|Headers?|Cookies?|Domain|Method|Path|Event))$/;

/**
 * Does the module read its request through SST's API hooks, or wrap a handler in its `ApiHandler`?
 * @example
 * // import { ApiHandler, useJsonBody } from 'sst/node/api'; export const handler = ApiHandler(async () => ...)
 * readsRequestHooks(ctx) // true
 */
export function readsRequestHooks(ctx: ModuleContext): boolean {
  if (!ctx.spells('sst/node/api')) return false;
  for (const [local, binding] of ctx.imports)
    if (
      binding.source === 'sst/node/api' &&
      SST_API.test(binding.imported === 'default' ? local : binding.imported)
    )
      return true;
  return false;
}
