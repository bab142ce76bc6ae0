// swallowed-error: a catch that answers the failure as a result object (`return { success: false, error }`,
// `{ ok: false }`, `{ status: 'failed' }`). That is a design (errors as values) only if someone reads the
// answer: a caller that awaits the call as a statement (`await saveOrder(order);`) drops it, and goes on as
// if the work was done. The project pass keeps the finding only when such a caller exists (errorValues.ts
// `onlyIfResultDropped`), in this module or one importing it.
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import { defaultObjectMethods } from '../defaultObjectMethods.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answeredOnPurpose } from './ackComment.js';
import { builtFailureAnswer, failureKeptForReturn } from './builtFailureAnswer.js';
import { blockAnswer } from './callbackAnswer.js';
import { carriesCaughtError, caughtName, VERDICT } from './carriedError.js';
import { isObservation } from './catchFacts.js';
import { objectMethodDrop, returnedName } from './errorValues.js';
import { errorStatus, statusField } from './httpStatus.js';
import { errorAnswerCall } from './namedErrorAnswer.js';
import type { Report } from './Report.js';
import { constant2xxAnswer } from './successStatus.js';
import { unreadFailureAnswer } from './unreadFailureAnswer.js';

const STATUS = /^(status|result|outcome|state)$/;
/**
 * A function named for building an answer (`response`, `sendResponse`, `buildReply`, `jsonResult`): its
 * second argument is read as the status only then, so `sleep(ms, 500)` is no failure answer.
 */
const ANSWER_BUILDER = /(respon[sd]e?|reply|answer|result)$/i;
const FAILED = /^(error|err|fail|failed|failure|ko)$/i;

/**
 * `{ success: false, ... }`, `{ ok: false }`, `{ status: 'failed' }`: an object that says the work failed;
 * also an HTTP error answer built for a helper's caller (`sendResponse(400, { msg })`, `{ statusCode: 500 }`),
 * unless `verdictOnly` (an HTTP answer can be success to an async invoker; a `success: false` never is).
 */
export function failureObject(value: Node | null | undefined, verdictOnly = false): boolean {
  const v = unwrap(value);
  if (v?.type === 'CallExpression') {
    if (verdictOnly) return false;
    const [first, second] = (v.arguments as Node[]).map((a) => unwrap(a));
    // `response({}, 500)`, `buildReply('no', 503)`: a builder that takes the body first and the status after.
    if (ANSWER_BUILDER.test(calleeName(v) ?? '') && errorStatus(second)) return true;
    // `response({ statusCode: 500, message })`: a response helper handed the failure object itself.
    // Only its `statusCode`: a `status: 500` inside a body handed to an always-200 builder is no failure answer.
    if (first?.type === 'ObjectExpression')
      return (first.properties as Node[]).some(
        (p) =>
          p.type === 'Property' &&
          propertyName(p.key, p.computed as boolean) === 'statusCode' &&
          errorStatus(p.value as Node),
      );
    return errorStatus(first);
  }
  if (v?.type !== 'ObjectExpression') return false;
  return (v.properties as Node[]).some((p) => {
    if (p.type !== 'Property') return false;
    const key = propertyName(p.key, p.computed as boolean) ?? '';
    const field = unwrap(p.value as Node);
    // `{ statusCode: 500 }`, `{ status: 502, message }`: an HTTP status under either name says the same.
    const status = statusField(p);
    if (status !== undefined && (status.type === 'Literal' || status.type === 'LogicalExpression'))
      return !verdictOnly && errorStatus(status);
    if (field?.type !== 'Literal') return false;
    return (
      (VERDICT.test(key) && field.value === false) ||
      (STATUS.test(key) && typeof field.value === 'string' && FAILED.test(field.value))
    );
  });
}

/**
 * The catch only observes the error and returns a failure object, after I/O, on a handler's path (or in a
 * function an exported helper reaches): reported when a caller drops the awaited answer.
 *
 * @example
 * failureResultRule(ctx, handler, io, report) // catch (e) { log(e); return { success: false, error: e } } -> true
 */
export function failureResultRule(ctx: ModuleContext, handler: Node, io: boolean, report: Report): boolean {
  // Returned at once or built in a variable first (`let response; ... response = createResponse(502)`).
  // Or built by a function named for it, `createErrorResponse(error)` (namedErrorAnswer.ts).
  // Or an object carrying the caught error itself (`{ code, message, error: err }`, carriedError.ts).
  const caught = caughtName(handler);
  const failure = (v: Node) => failureObject(v) || errorAnswerCall(v) || carriesCaughtError(v, caught);
  if (
    !io ||
    !(builtFailureAnswer(handler.body as Node, failure) || failureKeptForReturn(ctx, handler, failure))
  )
    return false;
  // An entry handler's own answer: read by an API caller, discarded by a schedule or an async source.
  if (unreadFailureAnswer(ctx, handler, report)) return true;
  const fn = ctx.enclosingFunction(handler);
  const name = fn === undefined ? undefined : returnedName(ctx, fn);
  if (name === undefined) return false;
  const onPath = ctx.handlerKindAt(handler) !== undefined;
  // A method of a default-exported object literal is called by name too (defaultObjectMethods.ts).
  const reaching = onPath ? [] : exportsReaching(ctx, handler, true);
  const methods = reaching.length > 0 || onPath ? [] : defaultObjectMethods(ctx, handler);
  const exported = reaching.length > 0 ? reaching : methods;
  if (!onPath && exported.length === 0) return false;
  // Importers call the method by its property name (`{ add: doAdd }` is `helper.add()`), and only a call on
  // that module's import drops it (objectMethodDrop): a bare `send` would match every `await sqs.send(...)`.
  const called = methods.length > 0 ? methods.join('/') : name;
  const drops = methods.length > 0 ? methods.map(objectMethodDrop) : [name];
  report(
    'swallowed-error',
    handler,
    `catch answers the failure as ${called}()'s result object, and a caller drops that result unread (awaits ${called}() as a statement, or returns it from a handler a schedule or an asynchronous source invokes, which discards it): the failure is lost and the run goes on as if the work was done`,
    { onlyIfResultDropped: drops, ...(onPath ? {} : { onlyIfExportOnHandlerPath: exported }) },
  );
  return true;
}

/**
 * A catch on a handler's path that only observes the failure of a call to another system and answers the
 * client 2xx (`catch (e) { log(e); return { statusCode: 200, body: 'Order received' } }`): the client, or a
 * webhook sender, is told the request succeeded and does not retry, and the work is lost. A comment that
 * says why (a webhook acknowledged on purpose) keeps it silent.
 *
 * @example
 * successAnswerRule(ctx, handler, io, report) // catch (e) { log(e); return { statusCode: 202 } } -> true
 */
export function successAnswerRule(ctx: ModuleContext, handler: Node, io: boolean, report: Report): boolean {
  // The answer written out, or a module's `const okStatus = { statusCode: 200 }` returned by name; returned,
  // or handed to a callback-era handler's `callback(null, ...)` (callbackAnswer.ts).
  const answered = io ? blockAnswer(ctx, (handler.body as Node).body as Node[]) : undefined;
  if (answered === undefined || !constant2xxAnswer(ctx, answered.answer)) return false;
  if (!answered.before.every((s) => isObservation(s)) || ctx.handlerKindAt(handler) === undefined)
    return false;
  if (answeredOnPurpose(ctx, handler)) return false;
  report(
    'swallowed-error',
    handler,
    'catch answers 2xx after the failed call: the client is told the request succeeded and does not retry, and the work is lost',
  );
  return true;
}
