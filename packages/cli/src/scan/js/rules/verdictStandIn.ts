// swallowed-error: a catch that answers a failed call with the function's own negative verdict. A checker
// returns `{ valid: response.meta.valid, detail }` or `{ result: skills.length === TASKS.length, details }` on
// success, and its catch returns the same object with `valid: false` / `result: false` and the error's text
// as the detail. "Invalid" or "not completed" is an answer the success path gives too, so a caller that
// acts on it (rejects the license, stores a score of 0) reads an outage as a real "no". Unlike an outcome
// object (`{ success: false, error }`, failureResult.ts), nothing in the answer says the check itself failed.
import { type Node, objectProps, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { carriesCaughtError, caughtName, ERROR_KEY, VERDICT } from './carriedError.js';
import { isObservation } from './catchFacts.js';
import { failureObject } from './failureResult.js';
import type { Report } from './Report.js';

/** An object literal's fields by key; undefined when a spread or computed key hides some. */
function fieldsOf(node: Node | undefined): Map<string, Node> | undefined {
  const o = objectProps(node);
  return o === undefined || o.spread ? undefined : o.props;
}

const sameKeys = (a: Map<string, Node>, b: Map<string, Node>) =>
  [...a.keys()].sort().join() === [...b.keys()].sort().join();

/**
 * A direct read of the caught error (`e`, `e.message`, `e.errors?.[0]?.code`, `e.name || 'UNKNOWN'`): the
 * error's own text handed on. Not an expression that only uses it (`isRetryable(e)`, a ternary on `e.name`,
 * a template around it): those answer something the function decided about the error.
 */
function readsCaught(node: Node | undefined, caught: string): boolean {
  const n = unwrap(node);
  if (n?.type === 'Identifier') return n.name === caught;
  if (n?.type === 'MemberExpression') return readsCaught(n.object as Node, caught);
  if (n?.type === 'LogicalExpression' && n.operator !== '&&')
    return readsCaught(n.left as Node, caught) && unwrap(n.right as Node)?.type === 'Literal';
  return false;
}

/** The names a function binds as its parameters (`x`, `x = d`). */
function paramNames(fn: Node): Set<string> {
  const names = new Set<string>();
  for (const raw of (fn.params as Node[] | undefined) ?? []) {
    const p = raw.type === 'AssignmentPattern' ? (raw.left as Node) : raw;
    if (p.type === 'Identifier') names.add(p.name as string);
  }
  return names;
}

/** `v` is a literal other than the one `success` holds (a literal too), or not a literal at all. */
function differs(success: Node | undefined, v: Node | undefined): boolean {
  const s = unwrap(success);
  const c = unwrap(v);
  return s?.type === 'Literal' && (c?.type !== 'Literal' || c.value !== s.value);
}

/**
 * The verdict key a catch answers `false` in place of a computed verdict, or undefined. The catch only
 * observes, then returns an object literal with exactly the keys of an object another `return` of the same
 * function answers (the success answer), and in it: one key that is not an outcome flag (`success`, `ok`:
 * those say the call failed, VERDICT) set to `false` where the success answer computes it (so `false` is
 * also a real answer of the success path); a top-level field that reads the caught error directly (`detail:
 * error.message`). Silent when anything in the answer tells the caller the call failed, as the success
 * answer never does: a failure object (`statusCode: 503`, `status: 'error'`, failureObject), the error
 * under an error key (`error: e.message`), or another field the success answer holds as a literal and the
 * catch changes (`failed: true` for `failed: false`). Silent too when a field hands back a parameter of the
 * function unchanged (`normalizedData: programData`): a pass-through fallback, whose caller keeps its input.
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
  const answer = fieldsOf(last.argument as Node);
  const fn = ctx.enclosingFunction(handler);
  if (answer === undefined || fn === undefined) return undefined;
  if (failureObject(last.argument as Node) || carriesCaughtError(last.argument as Node, caught))
    return undefined;
  const carriers = [...answer.keys()].filter((k) => readsCaught(answer.get(k), caught));
  if (carriers.length === 0 || carriers.some((k) => ERROR_KEY.test(k))) return undefined;
  const params = paramNames(fn);
  const passThrough = [...answer.values()].some((v) => {
    const u = unwrap(v);
    return u?.type === 'Identifier' && params.has(u.name as string);
  });
  if (passThrough) return undefined;
  const successes: Map<string, Node>[] = [];
  someDescendant(fn.body as Node, (r) => {
    if (r.type !== 'ReturnStatement' || r === last || ctx.enclosingFunction(r) !== fn) return false;
    const other = fieldsOf(r.argument as Node);
    if (other !== undefined && sameKeys(other, answer)) successes.push(other);
    return false;
  });
  const isFalse = (v: Node | undefined) => {
    const u = unwrap(v);
    return u?.type === 'Literal' && u.value === false;
  };
  // A verdict: `false` here, computed on a success answer. A sibling `false` on both paths (`fromCache`) is none.
  const verdicts = [...answer.keys()].filter(
    (k) =>
      !VERDICT.test(k) &&
      isFalse(answer.get(k)) &&
      successes.some((s) => {
        const v = unwrap(s.get(k));
        return v !== undefined && v.type !== 'Literal';
      }),
  );
  if (verdicts.length !== 1) return undefined;
  const [verdict] = verdicts as [string];
  const marked = [...answer.keys()].some(
    (k) => k !== verdict && !carriers.includes(k) && successes.some((s) => differs(s.get(k), answer.get(k))),
  );
  return marked ? undefined : verdict;
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
