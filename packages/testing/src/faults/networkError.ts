import { HttpResponse } from 'msw';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';

/**
 * Fails every request at the network level (`fetch` rejects with `TypeError: Failed to fetch`), as a
 * refused or dropped connection would. For a real TCP reset use {@link startFaultServer}.
 *
 * @example
 * ```ts
 * server.use(faults.networkError('https://edna.test/*'));
 * ```
 */
export function networkError(url: FaultUrl): FaultHandler {
  return faultHandler(url, () => HttpResponse.error());
}
