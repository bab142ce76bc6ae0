// swallowed-error: a catch that answers a failed call with the function's own negative verdict. A checker
// returns `{ valid: response.meta.valid, detail }` or `{ result: skills.length === TASKS.length, details }` on
// success, and its catch returns the same object with `valid: false` / `result: false` and the error's text
// as the detail. "Invalid" or "not completed" is an answer the success path gives too, so the caller acts on
// it (rejects the license, stores a score of 0): an outage reads as a real "no". Unlike an outcome object
// (`{ success: false, error }`, failureResult.ts), nothing in the answer says the check itself failed.
import { type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { caughtName, VERDICT } from './carriedError.js';
import { isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** The property keys of an object literal, sorted; undefined when a spread or computed key hides some. */
function keysOf(object: Node): string[] | undefined {
  const keys: string[] = [];
  for (const p of object.properties as Node[]) {
    const key = p.type === 'Property' ? propertyName(p.key, p.computed as boolean) : undefined;
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys.sort();
}

/** The value of `key` in an object literal (keys known to be plain). */
function valueAt(object: Node, key: string): Node | undefined {
  const p = (object.properties as Node[]).find((q) => propertyName(q.key, q.computed as boolean) === key);
  return unwrap(p?.value as Node | undefined);
}

/**
 * The verdict key a catch answers `false` in place of a computed verdict, or undefined. The catch only
 * observes, then returns an object literal with: a key that is not an outcome flag (`success`, `ok`: those
 * say the call failed, VERDICT) set to the literal `false`; another field holding the caught error (`detail:
 * error.message`); and exactly the keys of an object another `return` of the same function answers, where
 * that key is computed (so `false` is also a real answer of the success path).
 *
 * @example
 * verdictStandIn(ctx, handler) // 'valid' for catch (e) { return { valid: false, detail: e.message } }
 */
export function verdictStandIn(ctx: ModuleContext, handler: Node): string | undefined {
  const statements = (handler.body as Node).body as Node[];
  const last = statements.at(-1);
  const caught = caughtName(handler);
  if (caught === undefined || last?.type !== 'ReturnStatement') return undefined;
  if (!statements.slice(0, -1).every((s) => isObservation(s))) return undefined;
  const answer = unwrap(last.argument as Node | null);
  const keys = answer?.type === 'ObjectExpression' ? keysOf(answer) : undefined;
  if (answer === undefined || keys === undefined) return undefined;
  const verdicts = keys.filter((k) => {
    const v = valueAt(answer, k);
    return !VERDICT.test(k) && v?.type === 'Literal' && v.value === false;
  });
  const mentionsCaught = (n: Node | undefined) =>
    n !== undefined && someDescendant(n, (d) => d.type === 'Identifier' && d.name === caught);
  if (verdicts.length !== 1 || !keys.some((k) => k !== verdicts[0] && mentionsCaught(valueAt(answer, k))))
    return undefined;
  const [verdict] = verdicts as [string];
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined) return undefined;
  const computedOnSuccess = someDescendant(fn.body as Node, (r) => {
    if (r.type !== 'ReturnStatement' || r === last || ctx.enclosingFunction(r) !== fn) return false;
    const other = unwrap(r.argument as Node | null);
    if (other?.type !== 'ObjectExpression' || keysOf(other)?.join() !== keys.join()) return false;
    const v = valueAt(other, verdict);
    return v !== undefined && v.type !== 'Literal';
  });
  return computedOnSuccess ? verdict : undefined;
}

/**
 * Reports a verdict stand-in (see above) after I/O, on a handler's path or in a function an export reaches
 * or by a handler module (kept when a handler elsewhere calls it). Answers whether it reported.
 */
export function verdictStandInRule(ctx: ModuleContext, handler: Node, io: boolean, report: Report): boolean {
  const verdict = io ? verdictStandIn(ctx, handler) : undefined;
  if (verdict === undefined) return false;
  // As for a catch answering a default (swallowed.ts): a module with no handler keeps it when a handler
  // module calls the function (by name: a Next.js route importing a helper is one); else an export must
  // reach it from a handler.
  const onPath = ctx.handlerKindAt(handler) !== undefined;
  const exported = onPath || ctx.handlers.size === 0 ? [] : exportsReaching(ctx, handler, true);
  if (!onPath && ctx.handlers.size > 0 && exported.length === 0) return false;
  report(
    'swallowed-error',
    handler,
    `catch answers the failed call with the function's own negative verdict (${verdict}: false), the answer its success path also gives: the caller reads an outage as a real "no" and acts on it`,
    onPath
      ? undefined
      : ctx.handlers.size === 0
        ? { onlyIfEventCaller: sharedRequest(ctx, handler) }
        : { onlyIfExportOnHandlerPath: exported },
  );
  return true;
}
