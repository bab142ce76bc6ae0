import { type FaultHandler, type FaultUrl, faultHandler } from './FaultHandler.js';
import { assertFaultStep, type FaultStep, playStep } from './FaultStep.js';

/**
 * Answers request N with `steps[N]`: "503, 503, then 200". A request beyond the last step is a bug
 * in the test, so it throws (msw logs the error and fails that request) and the error names the url
 * and the number of steps; it is never answered with a quiet default.
 *
 * @example
 * ```ts
 * const edna = faults.sequence('https://edna.test/orders', [503, { status: 429, retryAfter: 1 }, 200]);
 * server.use(edna);
 * ```
 */
export function sequence(url: FaultUrl, steps: readonly FaultStep[]): FaultHandler {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new TypeError(`faults.sequence(${String(url)}): steps must be a non-empty array`);
  }
  steps.forEach((step, index) => {
    assertFaultStep(step, `faults.sequence(${String(url)}) step ${index}`);
  });
  const script = [...steps];
  return faultHandler(url, (request, index) => {
    const step = script[index];
    if (step === undefined) {
      throw new Error(
        `faults.sequence(${String(url)}) ran out: request #${index + 1} (${request.method} ${request.url}) but the sequence has only ${script.length} step${script.length === 1 ? '' : 's'}`,
      );
    }
    return playStep(step, request, `faults.sequence(${String(url)}) step ${index}`);
  });
}
