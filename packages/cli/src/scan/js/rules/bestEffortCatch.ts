// The best-effort exemptions of swallowed-error's catch rule: a catch that only logs is not a defect when
// the failure is reported another way (a throw after it, a backup attempt, a redelivery) or a comment
// states that losing the work is the decision, and telemetry is best effort by nature.
import { calleeName, lastName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { acknowledgedOnlyOnSuccess } from './ackOnSuccess.js';
import { answersOriginalError, feedsOnlyBestEffort, throwsAfter, unsetThrowsAfter } from './catchAfter.js';
import { catchCommentText } from './catchComments.js';
import { catchOnlyDecision, commentText } from './catchDecisionWords.js';
import { selectsOwnWork } from './catchExemptions.js';
import { isObservation, saysWhy } from './catchFacts.js';
import type { DropShape } from './catchShapes.js';
import { deletedAfterLoop, deletedAfterTry } from './deletedAfterTry.js';
import { deletedOnMissingAnswer } from './deletedOnMissing.js';
import { dereferencedAfter } from './dereferencedAfter.js';
import { fallsToBackup } from './fallbackChain.js';
import { fallbackValueRead } from './fallbackValueRead.js';
import { gatheredReads } from './gatheredReads.js';
import { keptFlagThrowsAfter } from './keptFlagThrows.js';
import { livePushOnly } from './livePush.js';
import { operatorChannelOnly } from './operatorChannel.js';
import { bestEffortTelemetry, inTelemetryFunction } from './telemetryFacts.js';
import { unsetFallsToBackup } from './unsetBackup.js';
import { unusedRead } from './unusedRead.js';
import { endsInHelper } from './writeStepCatch.js';

/**
 * The try is a statement of an entry handler's own body, also in a `switch` case of it that picks the
 * run's mode (`switch (mode) { case CONFIG: try { ... } catch { log('continuing') } }`): what fails there
 * is the run itself, not one of the items a job goes through (those sit in a loop or a helper, and the
 * next run selects them again). Under an `if` it is not judged so: an optional step of the run (a marker
 * read or write whose failure the run works around) sits there.
 */
export function aroundWholeRun(ctx: ModuleContext, tryStatement: Node): boolean {
  let at: Node = tryStatement;
  for (let p = ctx.parentOf(at); p !== undefined; at = p, p = ctx.parentOf(p)) {
    if (p.type === 'BlockStatement' && ctx.handlers.get(ctx.parentOf(p) as Node) === 'entry')
      return (ctx.parentOf(p) as Node).body === p;
    if (!BRANCHES.has(p.type)) return false;
  }
  return false;
}

/** A `switch` picks the run's mode once, unlike a loop, which goes through items. */
const BRANCHES = new Set(['BlockStatement', 'SwitchCase', 'SwitchStatement']);

/**
 * The try is the entry handler's own run (aroundWholeRun), also per record of the event it received
 * (`for (const r of event.Records) { try { ... } catch { log } }`): a stream or queue consumer whose work is
 * the push or the alert post. There a catch that only logs hides the failure from the retry and the DLQ.
 */
function sideChannelIsTheRun(ctx: ModuleContext, tryStatement: Node): boolean {
  if (aroundWholeRun(ctx, tryStatement)) return !committedBefore(ctx, tryStatement);
  const block = ctx.parentOf(tryStatement);
  const loop = block?.type === 'BlockStatement' ? ctx.parentOf(block) : undefined;
  if (loop?.type !== 'ForOfStatement' || loop.body !== block) return false;
  const over = unwrap(loop.right as Node);
  const records = over?.type === 'MemberExpression' && lastName(over) === 'Records';
  return records && aroundWholeRun(ctx, loop) && !committedBefore(ctx, loop);
}

/** A read by its verb: `getUser(id)`, `listConnections()`, a `send` of a Get/Query/Scan/List command. */
const READ_CALL = /^(get|list|query|find|scan|fetch|load|read|describe|lookup)(?![a-z])/;
const READ_COMMAND = /^(Get|BatchGet|Query|Scan|List|Describe)\w*Command$/;

/**
 * A statement of the entry handler's body before the one holding `at` awaits a call that is not a read: the
 * handler's work is committed there (an HTTP handler's PutItem), and the push or post after it is its
 * side channel again, not the run.
 */
function committedBefore(ctx: ModuleContext, at: Node): boolean {
  let statement = at;
  for (let p = ctx.parentOf(at); p !== undefined; statement = p, p = ctx.parentOf(p))
    if (p.type === 'BlockStatement' && ctx.handlers.get(ctx.parentOf(p) as Node) === 'entry') {
      const before = (p.body as Node[]).slice(0, (p.body as Node[]).indexOf(statement));
      return before.some((st) =>
        someDescendant(st, (n) => n.type === 'AwaitExpression' && !awaitsRead(unwrap(n.argument as Node))),
      );
    }
  return false;
}

function awaitsRead(call: Node | undefined): boolean {
  if (call?.type !== 'CallExpression') return true;
  const name = calleeName(call) ?? '';
  const first = unwrap((call.arguments as Node[])[0]);
  const command = first?.type === 'NewExpression' ? (calleeName(first) ?? '') : '';
  return READ_CALL.test(name) || (name === 'send' && READ_COMMAND.test(command));
}

/**
 * The try sends only telemetry, or sits in a function named for it (`sendMetric`, `sendAnonymizedMetric`),
 * only pushes a live update to WebSocket clients (livePush.ts), or only forwards a log or alert record to
 * an operator channel (operatorChannel.ts): a side channel, not the work. Not the push or the post when it
 * is what the invoked handler is for (sideChannelIsTheRun).
 */
export function sideChannelOnly(ctx: ModuleContext, tryStatement: Node): boolean {
  if (bestEffortTelemetry(ctx, tryStatement) || inTelemetryFunction(ctx, tryStatement)) return true;
  return (
    (livePushOnly(ctx, tryStatement) || operatorChannelOnly(ctx, tryStatement)) &&
    !sideChannelIsTheRun(ctx, tryStatement)
  );
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
  // The try only reads into a name nothing uses afterwards: the failed read loses nothing (unusedRead.ts).
  if (unusedRead(ctx, tryStatement)) return true;
  // The failure sends the function on to a backup attempt whose own failure reaches the caller.
  if (fallsToBackup(ctx, tryStatement)) return true;
  // A fallback: the variable the try sets is checked after it, and the function throws when it is unset.
  if (unsetThrowsAfter(ctx, tryStatement) || keptFlagThrowsAfter(ctx, tryStatement)) return true;
  // The unset variable sends the code on to another source (a cache miss rebuilt): unsetBackup.ts.
  if (unsetFallsToBackup(ctx, tryStatement)) return true;
  // The failed messages are left undeleted: the queue redelivers them.
  if (acknowledgedOnlyOnSuccess(ctx, tryStatement)) return true;
  // "Continue with the others even if one fails" does not decide that the failed one is deleted with them.
  if (shape === undefined)
    return (
      ((saysWhy(ctx, tryStatement) || catchSaysOnlyDecision(ctx, tryStatement)) &&
        !deletedAfterLoop(ctx, tryStatement) &&
        !deletedAfterTry(ctx, tryStatement)) ||
      fallbackValueRead(ctx, tryStatement) ||
      gatheredReads(ctx, tryStatement) ||
      // A caller's catch that says why decides for the helper; one that only logs does not when the
      // helper's try ends its failure there (a write, then the helper's next step).
      feedsOnlyBestEffort(
        ctx,
        tryStatement,
        (outer) =>
          saysWhy(ctx, outer) ||
          (!endsInHelper(ctx, tryStatement) &&
            ((outer.handler?.body as Node | undefined)?.body as Node[] | undefined)?.every((st) =>
              isObservation(st),
            ) === true),
      )
    );
  const last = ((tryStatement.handler as Node).body as Node).body.at(-1) as Node | undefined;
  return last?.type === 'ContinueStatement' && saysWhy(ctx, tryStatement, /\bskip/i);
}

/** The catch's own comments state a reason read only for a catch that only logs (catchDecisionWords.ts). */
function catchSaysOnlyDecision(ctx: ModuleContext, tryStatement: Node): boolean {
  const body = catchCommentText(ctx, tryStatement.handler as Node | null);
  return /\/[/*]/.test(body) && catchOnlyDecision(ctx, tryStatement, tryStatement.block, commentText(body));
}

/**
 * The catch sits on the path of a job that selects its own work each run (its handlers ignore their
 * event): what it failed to do is still where the run found it, and the next run selects it again. Not
 * so around a statement of the handler's own body (the whole run fails, unseen), nor when the code after
 * it deletes what would bring the work back, nor when a caller deletes the item on the nothing it answers
 * (deletedOnMissing.ts).
 */
export function nextRunRetries(ctx: ModuleContext, handler: Node, tryStatement: Node): boolean {
  return (
    ctx.handlerKindAt(handler) !== undefined &&
    selectsOwnWork(ctx) &&
    !aroundWholeRun(ctx, tryStatement) &&
    !deletedAfterLoop(ctx, tryStatement) &&
    !deletedAfterTry(ctx, tryStatement) &&
    !deletedOnMissingAnswer(ctx, handler)
  );
}
