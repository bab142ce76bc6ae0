import { HttpResponse } from 'msw';
import { untilAborted } from './abortableDelay.js';
import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';

/**
 * Never answers: the request stays pending until the client aborts it (its `AbortSignal`, a
 * timeout policy). It holds no timer, so an un-aborted hang does not keep the process alive.
 *
 * @example
 * ```ts
 * server.use(faults.hang('https://edna.test/*'));
 * await fetch('https://edna.test/orders', { signal: AbortSignal.timeout(100) }); // rejects after 100 ms
 * ```
 */
export function hang(url: FaultUrl): FaultHandler {
  return faultHandler(url, async (request) => {
    await untilAborted(request.signal);
    return HttpResponse.error();
  });
}
