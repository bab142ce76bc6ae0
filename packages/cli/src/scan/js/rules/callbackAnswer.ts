// What a statement answers the invocation with. An async handler answers with what it returns; a
// callback-era handler (`(event, context, callback)`) answers through `callback(null, X)`,
// `context.succeed(X)` or `context.done(null, X)`, often written `return callback(null, X)`, where the
// returned value is nothing Lambda reads. The checks that read a catch's answer (a 2xx after a failure, a
// constant answer that hides one) read X through here, so both styles of the same code are judged alike.
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * Whether the identifier `id` is the parameter at `index` of one of this module's entry handlers
 * (`callback` is index 2, `context` index 1).
 * @example
 * handlerParam(ctx, callee, 2) // `callback` in `export const handler = (event, context, callback) => ...`
 */
export function handlerParam(ctx: ModuleContext, id: Node | undefined, index: number): boolean {
  if (id?.type !== 'Identifier') return false;
  const b = ctx.resolve(id.name as string, id);
  if (b?.kind !== 'param' || ctx.handlers.get(b.scope) !== 'entry') return false;
  return unwrap((b.scope.params as Node[] | undefined)?.[index]) === b.declaration;
}

/**
 * The value a call answers the handler with: `callback(null, X)` of the handler's third parameter,
 * `context.succeed(X)` or `context.done(null, X)` of its second. `callback(err)` answers a failure, not a
 * value: undefined, as for any other call.
 *
 * @example
 * callbackAnswer(ctx, call) // `callback(null, { statusCode: 200 })` in `handler(event, context, callback)` -> the object
 */
export function callbackAnswer(ctx: ModuleContext, expression: Node | null | undefined): Node | undefined {
  const call = unwrap(expression ?? undefined);
  if (call?.type !== 'CallExpression') return undefined;
  const args = call.arguments as Node[];
  const callee = unwrap(call.callee);
  const first = unwrap(args[0]);
  const noError = first === undefined || (first.type === 'Literal' && first.value === null);
  if (callee?.type === 'Identifier')
    return noError && args.length === 2 && handlerParam(ctx, callee, 2) ? args[1] : undefined;
  const path = memberPath(callee);
  if (path?.length !== 2 || !handlerParam(ctx, unwrap(callee?.object), 1)) return undefined;
  if (path[1] === 'succeed' && args.length === 1) return args[0];
  return path[1] === 'done' && noError && args.length === 2 ? args[1] : undefined;
}

/**
 * What the last statements of a block answer: `return X` gives X, `return callback(null, X)` and a
 * closing `callback(null, X);` (with or without a bare `return;` after it) give X; anything else nothing.
 * `statements` ends with the answer; `before` is what runs ahead of it.
 *
 * @example
 * blockAnswer(ctx, catchBody.body) // `{ log(e); callback(null, { statusCode: 200 }); }` -> { answer, before: [log] }
 */
export function blockAnswer(
  ctx: ModuleContext,
  statements: readonly Node[],
): { answer: Node | null; before: readonly Node[] } | undefined {
  let end = statements.length;
  const last = statements[end - 1];
  // `callback(null, X); return;`: the bare return only leaves the function.
  const bareReturn = last?.type === 'ReturnStatement' && last.argument == null;
  if (bareReturn && statements[end - 2]?.type === 'ExpressionStatement') end--;
  const closing = statements[end - 1];
  if (closing === undefined) return undefined;
  const before = statements.slice(0, end - 1);
  if (closing.type === 'ExpressionStatement') {
    const answer = callbackAnswer(ctx, closing.expression as Node);
    return answer === undefined ? undefined : { answer, before };
  }
  if (closing.type !== 'ReturnStatement') return undefined;
  const argument = (closing.argument as Node | null) ?? null;
  return { answer: callbackAnswer(ctx, argument) ?? argument, before };
}
