// The best-effort exemptions of swallowed-error's catch rule: a catch that only logs is not a defect when
// the failure is reported another way (a throw after it, a backup attempt, a redelivery) or a comment
// states that losing the work is the decision, and telemetry is best effort by nature.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { acknowledgedOnlyOnSuccess } from './ackOnSuccess.js';
import {
  answersOriginalError,
  deletedAfterLoop,
  deletedAfterTry,
  feedsOnlyBestEffort,
  throwsAfter,
  unsetThrowsAfter,
} from './catchAfter.js';
import { bestEffortTelemetry, inTelemetryFunction, isObservation, saysWhy } from './catchFacts.js';
import type { DropShape } from './catchShapes.js';
import { dereferencedAfter } from './dereferencedAfter.js';
import { fallsToBackup } from './fallbackChain.js';
import { keptFlagThrowsAfter } from './keptFlagThrows.js';

/**
 * The try is a statement of an entry handler's own body: what fails there is the run itself, not one of
 * the items a job goes through (those sit in a loop or a helper, and the next run selects them again).
 */
export function aroundWholeRun(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = ctx.parentOf(tryStatement);
  const fn = block === undefined ? undefined : ctx.parentOf(block);
  return fn !== undefined && fn.body === block && ctx.handlers.get(fn) === 'entry';
}

/** The try sends only telemetry, or sits in a function named for it (`sendMetric`, `sendAnonymizedMetric`). */
export function telemetryPath(ctx: ModuleContext, tryStatement: Node): boolean {
  return bestEffortTelemetry(ctx, tryStatement) || inTelemetryFunction(ctx, tryStatement);
}

/**
 * The catch only logs by decision (a comment says so; a `continue` whose comment says the item is
 * skipped) or on a path that throws right after: not reported. A `break` or a handled error class is
 * judged by what it does, whatever its comment says.
 */
export function bestEffortByDecision(
  ctx: ModuleContext,
  tryStatement: Node,
  shape: DropShape | undefined,
): boolean {
  if (throwsAfter(ctx, tryStatement) || answersOriginalError(ctx, tryStatement)) return true;
  // The code after the try reads a property of the variable the try would have set: a TypeError there.
  if (dereferencedAfter(ctx, tryStatement)) return true;
  // The failure sends the function on to a backup attempt whose own failure reaches the caller.
  if (fallsToBackup(ctx, tryStatement)) return true;
  // A fallback: the variable the try sets is checked after it, and the function throws when it is unset.
  if (unsetThrowsAfter(ctx, tryStatement) || keptFlagThrowsAfter(ctx, tryStatement)) return true;
  // The failed messages are left undeleted: the queue redelivers them.
  if (acknowledgedOnlyOnSuccess(ctx, tryStatement)) return true;
  // "Continue with the others even if one fails" does not decide that the failed one is deleted with them.
  if (shape === undefined)
    return (
      (saysWhy(ctx, tryStatement) &&
        !deletedAfterLoop(ctx, tryStatement) &&
        !deletedAfterTry(ctx, tryStatement)) ||
      feedsOnlyBestEffort(
        ctx,
        tryStatement,
        (outer) =>
          ((outer.handler?.body as Node | undefined)?.body as Node[] | undefined)?.every((st) =>
            isObservation(st),
          ) === true,
      )
    );
  const last = ((tryStatement.handler as Node).body as Node).body.at(-1) as Node | undefined;
  return last?.type === 'ContinueStatement' && saysWhy(ctx, tryStatement, /\bskip/i);
}
