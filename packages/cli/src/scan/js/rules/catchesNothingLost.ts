// The catches swallowed.ts leaves alone before reading their shape: those another rule reports (a 401
// answer), and those through which no failure of the work can be lost (an unawaited promise returned, a
// session's goodbye, an operator's script, a failure reported after bookkeeping).
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { authCatch } from './auth.js';
import { discriminates } from './authFacts.js';
import { isObservation } from './catchFacts.js';
import { refusesRequests } from './refusesRequests.js';
import { failureStillReported } from './reportedAfterBookkeeping.js';
import { returnsPromiseUncaught } from './returnedPromiseTry.js';
import { onlyEndsSession } from './sessionTeardown.js';

/**
 * True when swallowed-error has nothing to judge in this catch (`statements` are its own, a dropped
 * `new Error(...)` left out).
 *
 * @example
 * catchesNothingLost(ctx, handler, statements) // try { return client.send(c) } catch (e) { log(e) } -> true
 */
export function catchesNothingLost(ctx: ModuleContext, handler: Node, statements: Node[]): boolean {
  const tryStatement = ctx.parentOf(handler) as Node;
  // A catch that answers 401 is not "swallowed", it is wrong: infra-error-as-auth reports it. One that
  // answers 401 only for an error it tells apart (`if (err.name === 'JWTExpired') return 401`) is no
  // catch-all there, and the errors it lets fall through are judged here.
  if (authCatch(ctx, handler) && !discriminates(handler)) return true;
  // `try { return client.send(c) } catch`: the rejection reaches the caller, not this catch
  // (returnedPromiseTry.ts); `try { await smtp.quit() } catch {}` ends a session, never the work.
  if (returnsPromiseUncaught(ctx, tryStatement) || onlyEndsSession(ctx, tryStatement.block as Node))
    return true;
  // A function that returns at once under a request is run by an operator's script (refusesRequests.ts).
  if (refusesRequests(ctx, tryStatement)) return true;
  // Bookkeeping inside a catch that still reports the failure (reportedAfterBookkeeping.ts).
  return statements.every((s) => isObservation(s)) && failureStillReported(ctx, handler);
}
