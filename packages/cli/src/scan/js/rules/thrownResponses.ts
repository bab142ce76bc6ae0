// swallowed-error: an entry handler whose catch returns what it caught (`catch (err) { return err }`) is left
// alone when it answers over HTTP. Either its try throws its own HTTP answers as control flow (`throw
// helpers.notFoundResponse('member', id)`, `throw createResponse(403, { message })`) and whose catch returns
// what it caught answers the client with that response: the catch is the route out of the try, not a failure
// turned into success. Or it reads an API Gateway request (`event.body`, `event.requestContext`): behind API
// Gateway a returned Error is no proxy response and the client gets a 502, so nothing passes for success.
import { calleeName, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A name a response builder goes by: `createResponse`, `notFoundResponse`, `inputError`, `badRequest`. */
const RESPONSE_BUILDER = /(Response|^inputError|^badRequest|^notFound|^forbidden|^unauthori[sz]ed)$/;

/** `createResponse(403, ...)`: a call whose first argument is an HTTP error status. */
function statusFirst(call: Node): boolean {
  const first = unwrap((call.arguments as Node[])[0]);
  return (
    first?.type === 'Literal' && typeof first.value === 'number' && first.value >= 400 && first.value < 600
  );
}

/**
 * Does the try throw a response it builds (a call of a response helper, not `new SomeError(...)`), so that a
 * catch handing back what it caught answers the client with it?
 *
 * @example
 * throwsResponses(tryBlock) // try { if (!id) throw helpers.missingIdQueryResponse('id'); ... } -> true
 */
export function throwsResponses(tryBlock: Node): boolean {
  return someDescendant(
    tryBlock,
    (n) => {
      if (n.type !== 'ThrowStatement') return false;
      const thrown = unwrap(n.argument as Node);
      if (thrown?.type !== 'CallExpression') return false;
      return RESPONSE_BUILDER.test(calleeName(thrown) ?? '') || statusFirst(thrown);
    },
    true,
  );
}

/** A read of an API Gateway request's own fields: the function answers an HTTP client. */
const HTTP_EVENT = /\bevent\.(body|httpMethod|headers|pathParameters|queryStringParameters|requestContext)\b/;

/**
 * The entry handler holding `tryStatement` answers over HTTP: its try throws its own responses, or it reads
 * an API Gateway request. A caught error it returns then reaches the client as a failure.
 *
 * @example
 * returnedErrorAnswersHttp(ctx, tryStatement) // async (event, ctx, cb) => { try { JSON.parse(event.body) ... } catch (e) { return e } } -> true
 */
export function returnedErrorAnswersHttp(ctx: ModuleContext, tryStatement: Node): boolean {
  if (throwsResponses(tryStatement.block as Node)) return true;
  const fn = ctx.enclosingFunction(tryStatement);
  return fn !== undefined && HTTP_EVENT.test(ctx.source.slice(fn.start, fn.end));
}
