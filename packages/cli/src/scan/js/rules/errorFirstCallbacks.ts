// swallowed-error for error-first callbacks (`sqs.sendMessageBatch(params, (err, data) => { if (err) {
// log(err) } callback(null, data) })`): the callback form of a catch that only logs. The error branch
// records the failure and falls through to the success path, so the handler answers as if the call had
// gone through.
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { selectsOwnWork } from './catchExemptions.js';
import { isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** The name an error-first callback gives its error: `err`, `error`, `e`. */
export const ERROR_PARAM = /^(e|err|error|ex)$/i;
const ERROR_FIRST = /\(\s*(?:e|err|error|ex)\s*,/i;

/** `if (err) { ...log lines only }` with no else, testing the callback's error parameter itself. */
function logsOnly(statement: Node, error: string): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate != null) return false;
  const test = unwrap(statement.test as Node);
  if (test?.type !== 'Identifier' || test.name !== error) return false;
  const body = statement.consequent as Node;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  return statements.length > 0 && statements.every((s) => isObservation(s));
}

/**
 * @example
 * errorFirstCallbackRule(ctx, report) // sqs.sendMessageBatch(p, (err, data) => { if (err) { log(err) } callback(null, data) }) -> at the `if`
 */
export function errorFirstCallbackRule(ctx: ModuleContext, report: Report): void {
  // Cheap text test first: an error-first parameter list somewhere in the module.
  if (ctx.handlers.size === 0 || !ERROR_FIRST.test(ctx.source) || selectsOwnWork(ctx)) return;
  for (const call of ctx.of('CallExpression')) {
    // A method of a client or library (`sqs.sendMessageBatch`, `request.post`), given its callback last.
    if (unwrap(call.callee)?.type !== 'MemberExpression') continue;
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (callback === undefined || !isFunction(callback) || callback.async === true) continue;
    const [error] = callback.params as Node[];
    const body = callback.body as Node;
    if (
      error?.type !== 'Identifier' ||
      !ERROR_PARAM.test(error.name as string) ||
      body.type !== 'BlockStatement'
    )
      continue;
    if ((callback.params as Node[]).length < 2 || ctx.handlerKindAt(call) === undefined) continue;
    const statements = body.body as Node[];
    // The branch must fall through to more work: a last `if (err) log(err)` with nothing after it is the
    // callback's whole answer, which the caller of the outer function decides about.
    const at = statements.findIndex((s) => logsOnly(s, error.name as string));
    if (at < 0 || at === statements.length - 1) continue;
    report(
      'swallowed-error',
      statements[at] as Node,
      'the error-first callback only logs the error and goes on to the success path: the call failed, yet the code answers as if it had gone through',
    );
  }
}
