// swallowed-error found at calls rather than catch clauses: a promise's `.catch()` handler that drops the
// failure (promiseCatch.ts, droppedCatchAnswer.ts), RxJS `retryWhen` that swallows, and HTTP responses whose
// status nobody looks at (uncheckedFetch.ts, uncheckedCallbacks.ts, lenientClients.ts).
import type { ModuleContext } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { callersRead, readersCondition } from '../resultUse.js';
import { droppedCatchAnswer } from './droppedCatchAnswer.js';
import { classifyHttpCall } from './http.js';
import { lenientResponse } from './lenientClients.js';
import { promiseCatch } from './promiseCatch.js';
import type { Report } from './Report.js';
import { returnsBodyField } from './returnedBodyField.js';
import { rxjsRetryWhen } from './rxjsRetryWhen.js';
import { inTelemetryFunction } from './telemetryFacts.js';
import { uncheckedCallbackResponse } from './uncheckedCallbacks.js';
import { uncheckedResponse } from './uncheckedFetch.js';

/**
 * Reports the module's calls whose failure is dropped (see above).
 * @example
 * swallowedCallRules(ctx, report) // at `fetch(url)` in `const res = await fetch(url); return res.json()`
 */
export function swallowedCallRules(ctx: ModuleContext, report: Report): void {
  const rxjs = ctx.spells('retryWhen');
  for (const call of ctx.of('CallExpression')) {
    if (droppedCatchAnswer(ctx, call, report) || promiseCatch(ctx, call, report)) continue;
    if (rxjs && rxjsRetryWhen(ctx, call, report)) continue;
    // fetch responses whose status is never looked at.
    const http = classifyHttpCall(ctx, call);
    if (http === undefined || inTelemetryFunction(ctx, call)) continue;
    if (http.lib !== 'fetch') {
      // A seeding program or a smoke-test suite is run by someone watching it.
      if (offServicePath(ctx)) continue;
      const callback = uncheckedCallbackResponse(ctx, call, http.lib) ?? lenientResponse(ctx, call, http);
      if (callback !== undefined) report('swallowed-error', call, callback);
      continue;
    }
    const unchecked = uncheckedResponse(ctx, call);
    if (unchecked === undefined) continue;
    // A field of the body handed back: its callers decide, as for a catch answering undefined.
    const readers = returnsBodyField(ctx, call) ? callersRead(ctx, call) : undefined;
    if (readers !== 'all-read') report('swallowed-error', call, unchecked, readersCondition(readers));
  }
}
