// swallowed-error: a failure answer built by a function named for it (`createErrorResponse(error)`,
// `buildErrorResponse(e)`, `errorResponse(502, ...)`, `serverError(message)`): the status is computed
// inside (from the error's class), so no literal says "failed" at the call, but the name does. It is an answer like `{ statusCode:
// 500 }`: read by an API, discarded by a queue, a schedule, an asynchronous source or a Step Functions task
// (failureResult.ts, unreadFailureAnswer.ts).
import { calleeName, type Node, unwrap } from '../ast.js';

/** `createErrorResponse`, `errorResponse`, `buildErrorResponse`, `serverErrorResponse`, `failureResult`. */
const ERROR_ANSWER =
  /^(?:create|build|make|to|get|construct)?\w*(?:Error|Failure|Failed)(?:Response|Result|Reply)$/i;
/**
 * `serverError(message)`, `internalServerError(body)`, `internalError()`: a response helper named for the 5xx
 * status it answers (beside `success(...)`, `badRequest(...)`), as API projects write their own.
 */
const SERVER_ERROR_ANSWER = /^(?:internal(?:Server)?|server)Error$/i;
// A function that handles or logs the error may rethrow it or answer anything: its name says no answer.
const NOT_AN_ANSWER = /^(?:handle|log|throw|report|capture|send|parse|is|has)/i;

/**
 * A call (awaited or not) of a function named for building an error response or result.
 *
 * @example
 * errorAnswerCall(parse('createErrorResponse(error)')) // -> true
 * errorAnswerCall(parse('handleErrorResponse(error)')) // -> false
 */
export function errorAnswerCall(value: Node | null | undefined): boolean {
  let v = unwrap(value);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  if (v?.type !== 'CallExpression') return false;
  const name = calleeName(v) ?? '';
  return (ERROR_ANSWER.test(name) || SERVER_ERROR_ANSWER.test(name)) && !NOT_AN_ANSWER.test(name);
}
