// What an exported function answers its callers, for the rules that read a catch's answer through another
// module (keepCandidate's importedAnswers.ts settles them): a failure as a value, null for its errors, an
// always-2xx or one fixed HTTP status, every error answered by a middleware. Apart from exportFacts.ts as one
// concept; each reading is gated on a word of the module so most modules skip the walks.
import { isFunction, type Node } from './ast.js';
import type { ExportFact } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { fixedStatus, fixedStatusMethods } from './rules/fixedStatusBuilders.js';
import { answersErrors } from './rules/httpErrorMiddleware.js';
import { FAILURE_WORDS, returnsFailureValue } from './rules/queueErrorValues.js';
import { answersNullOnError } from './rules/retryNullPolls.js';
import { alwaysSuccessAnswer, successDefaultAt } from './rules/successBuilders.js';

/** The words of a module each reading needs, asked once per module. */
export interface AnswerFactGates {
  readonly failureWords: boolean;
  readonly catches: boolean;
  readonly statusWords: boolean;
  readonly onError: boolean;
}

/**
 * Which readings the module's words allow, so a module without `statusCode` or `catch` skips their walks.
 *
 * @example
 * answerFactGates(ctx) // { statusWords: true, ... } for a module exporting `(b) => ({ statusCode: 400, body: b })`
 */
export function answerFactGates(ctx: ModuleContext): AnswerFactGates {
  const exported = ctx.exports.size > 0;
  return {
    failureWords: exported && FAILURE_WORDS.test(ctx.source),
    catches: exported && ctx.spells('catch'),
    statusWords: exported && ctx.spells('statusCode'),
    onError: ctx.spells('onError'),
  };
}

/**
 * What the exported value `v` answers, as ExportFact fields; undefined when nothing is known.
 *
 * @example
 * answerFacts(ctx, v, gates) // { successAnswer: true } for `(body) => ({ statusCode: 200, body })`
 */
export function answerFacts(
  ctx: ModuleContext,
  v: Node,
  gates: AnswerFactGates,
): Partial<ExportFact> | undefined {
  const fn = isFunction(v);
  const out: { -readonly [K in keyof ExportFact]?: ExportFact[K] } = {};
  // A function answering failures as values (`return left('ERROR')`), which a queue handler may return.
  if (gates.failureWords && fn && returnsFailureValue(v)) out.failureValue = true;
  // A function answering its errors with null, which a `while (x == null)` poll retries (rules/retryNullPolls.ts).
  if (gates.catches && fn && answersNullOnError(v)) out.nullOnError = true;
  // An answer builder always saying 2xx, which a catch answering a failure through it hides (rules/successBuilders.ts).
  if (gates.statusWords && fn && alwaysSuccessAnswer(v)) out.successAnswer = true;
  const defaultAt = gates.statusWords && fn ? successDefaultAt(ctx, v) : undefined;
  if (defaultAt !== undefined) out.successDefaultAt = defaultAt;
  // A builder, or an object of them, answering one fixed status (rules/fixedStatusBuilders.ts).
  const status = gates.statusWords && fn ? fixedStatus(ctx, v) : undefined;
  if (status !== undefined) out.fixedStatus = status;
  const methods = gates.statusWords && !fn ? fixedStatusMethods(ctx, v) : undefined;
  if (methods !== undefined) out.fixedStatusMethods = methods;
  // A middy error middleware that answers every error (rules/httpErrorMiddleware.ts): only where `onError` is written.
  if (gates.onError && answersErrors(ctx, v)) out.answersErrors = true;
  return Object.keys(out).length > 0 ? out : undefined;
}
