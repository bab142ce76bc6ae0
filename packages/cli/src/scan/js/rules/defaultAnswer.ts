// swallowed-error: a catch that answers "nothing" after failed I/O, an empty value (catchDefaults.ts) or the
// function's own default parameter handed back (`readJson(client, key, defaultValue)` whose catch returns
// `defaultValue`): the caller cannot tell the failure from the empty answer it asked for, and may write it
// back over real data. Judged with the callers' reads (resultUse.ts) and the exemptions a default has
// (catchExemptions.ts defaultAnswerExcused). Split from swallowed.ts, which decides what a catch is.
import { type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callersRead, readersCondition } from '../resultUse.js';
import { answersOnlyDefault } from './catchDefaults.js';
import { defaultAnswerExcused } from './catchExemptions.js';
import { isObservation } from './catchFacts.js';
import { defaultAnswerKind } from './catchShapes.js';
import type { Report } from './Report.js';

/** A parameter named for the answer to give when there is none: `defaultValue`, `fallback`, `defaults`. */
const DEFAULT_PARAM = /^(?:default|fallback)|(?:Default|Fallback)(?:Value)?s?$/;

/**
 * The catch only logs and returns a parameter of its function named as the default answer (`return
 * defaultValue`): the caller's own "nothing", handed back for any failure.
 */
export function returnsDefaultParam(ctx: ModuleContext, handler: Node, statements: readonly Node[]): boolean {
  const last = statements.at(-1);
  if (last?.type !== 'ReturnStatement' || !statements.slice(0, -1).every((s) => isObservation(s)))
    return false;
  const value = unwrap(last.argument as Node | null);
  if (value?.type !== 'Identifier' || !DEFAULT_PARAM.test(value.name as string)) return false;
  const fn = ctx.enclosingFunction(handler);
  const isParam =
    (fn?.params as Node[] | undefined)?.some((p) => {
      const id = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
      return id.type === 'Identifier' && id.name === value.name;
    }) === true;
  // The try hands the default to the call itself (`ld.variation(key, user, defaultValue)`): the library
  // answers it for its own failures, and the catch only answers the same for the rest (a flag read).
  const tryBlock = (ctx.parentOf(handler) as Node).block as Node;
  const handedIn = someDescendant(
    tryBlock,
    (n) =>
      n.type === 'CallExpression' &&
      (n.arguments as Node[]).some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === value.name),
    true,
  );
  return isParam && !handedIn;
}

/** Does the catch answer a default (an empty value, or the function's default parameter)? */
export function answersDefault(ctx: ModuleContext, handler: Node, statements: readonly Node[]): boolean {
  return answersOnlyDefault(statements) || returnsDefaultParam(ctx, handler, statements);
}

/** Reports a catch that answers a default after I/O, unless every caller fails on it or it is excused. */
export function reportDefaultAnswer(
  ctx: ModuleContext,
  handler: Node,
  tryStatement: Node,
  statements: readonly Node[],
  report: Report,
): void {
  // undefined/null that every caller dereferences at once fails there, and false (any falsy answer)
  // that every caller tests and fails on fails there too (resultUse.ts).
  const answer = defaultAnswerKind(statements);
  const readers = answer === undefined ? undefined : callersRead(ctx, handler, answer);
  // No handler here: kept unless only jobs reach it (their next run selects the work again).
  const jobs = ctx.handlers.size === 0 ? { onlyIfEventCaller: sharedRequest(ctx, handler) } : {};
  if (readers !== 'all-read' && !defaultAnswerExcused(ctx, handler, tryStatement, answer))
    report(
      'swallowed-error',
      handler,
      /batchItemFailures/.test(ctx.source.slice(handler.start, handler.end))
        ? 'catch answers an empty batchItemFailures after I/O: Lambda takes every record for processed and deletes it, so the failed work is never retried'
        : 'catch returns an empty/default value after I/O: the caller cannot tell failure from "nothing"',
      { ...jobs, ...readersCondition(readers, answer) },
    );
}
