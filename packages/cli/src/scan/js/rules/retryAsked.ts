// Where no-retry asks for a retry of an idempotent request at all: not where something on the path already
// retries it (a consumer's redelivery, a scheduled job's next run, a recursion around it) or where the
// failure is deliberately classified and handed back to the caller.
import { isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { recursiveRetryAround } from '../recursiveRetryAround.js';
import { selectsOwnWork } from './catchExemptions.js';
import { eventlessRoute } from './eventlessRoute.js';
import { inHealthCheck, inSyntheticProbe } from './probeCalls.js';
import { resentAfterRefresh } from './resentAfterRefresh.js';

/** The module's handlers consume SQS or stream batches (or their records). */
export function isRedeliveredConsumer(ctx: ModuleContext): boolean {
  if (ctx.batchHandlers.size > 0) return true;
  for (const kind of ctx.handlers.values()) if (kind === 'record') return true;
  return false;
}

/**
 * The call's failure is classified and answered to the caller (`catch (e) { classify(e) ... toProblemDetails(e) }`):
 * the retry decision is handed on with a Retry-After, deliberately.
 */
function answersClassified(ctx: ModuleContext, call: Node): boolean {
  for (let n = ctx.parentOf(call); n !== undefined && !isFunction(n); n = ctx.parentOf(n)) {
    if (n.type !== 'TryStatement' || n.handler == null) continue;
    const text = ctx.source.slice(n.handler.start, n.handler.end);
    if (/\b(classify|toProblemDetails)\(/.test(text)) return true;
  }
  return false;
}

/**
 * The conditions a no-retry finding on `call` waits on (a job-shaped handler's routing, eventlessRoute.ts),
 * or undefined where no retry is to be asked for.
 */
export function retryAsked(
  ctx: ModuleContext,
  call: Node,
): { readonly onlyIfRouted?: readonly string[] } | undefined {
  // In an SQS or stream consumer a failed call fails the record, which is redelivered: that is the retry.
  // In a job that selects its own work (a schedule), the next run is the retry.
  // A job-shaped handler (it reads no event) is judged only where a template routes it (eventlessRoute.ts).
  const onHandler = ctx.handlerKindAt(call) !== undefined;
  if (onHandler && isRedeliveredConsumer(ctx)) return undefined;
  const routed = onHandler && selectsOwnWork(ctx, true, true) ? eventlessRoute(ctx, call) : {};
  if (routed === undefined) return undefined;
  if (inHealthCheck(ctx, call) || inSyntheticProbe(ctx) || answersClassified(ctx, call)) return undefined;
  if (recursiveRetryAround(ctx, call)) return undefined;
  // The re-send after a token refresh is the retry of the first request, which carries the finding.
  if (resentAfterRefresh(ctx, call)) return undefined;
  return routed;
}
