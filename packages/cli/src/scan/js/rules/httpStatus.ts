// The HTTP error status an answer states, read one way for every check that asks: failureResult.ts asks "is
// this a failure answer" (4xx or 5xx), silentCatch.ts asks "does it tell the caller the server failed" (5xx).
// Two readers of "5xx" drifted apart once (a nested `statusCode` counted in one, `status: 500` only in the other).
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';

/** A status argument naming a server error: `HttpCodesEnum.SERVER_ERROR`, `StatusCodes.INTERNAL_SERVER_ERROR`. */
const SERVER_ERROR_NAME = /^(SERVER_ERROR|INTERNAL_SERVER_ERROR|INTERNAL_ERROR|SERVICE_UNAVAILABLE)$/;

/**
 * A number literal from `from` (400 or 500) to 599, a name for a server error (`HttpCodesEnum.SERVER_ERROR`),
 * or either as the fallback of the error's own status (`error.status || 500`, `?? 500`).
 */
export function errorStatus(n: Node | undefined, from: 400 | 500 = 400): boolean {
  const v = unwrap(n);
  // `error.status || 500`: the error's own status, else a server error; an error status either way.
  if (v?.type === 'LogicalExpression' && (v.operator === '||' || v.operator === '??'))
    return errorStatus(v.right as Node, from);
  if (v?.type === 'Literal') return typeof v.value === 'number' && v.value >= from && v.value < 600;
  return v?.type === 'MemberExpression' && SERVER_ERROR_NAME.test(memberPath(v)?.at(-1) ?? '');
}

/**
 * The value of a property that states an HTTP status: `statusCode: <any>`, or `status: <number literal>` (the
 * shorter name says the same only with a number; `status: 'failed'` is a verdict, not a code).
 */
export function statusField(p: Node): Node | undefined {
  if (p.type !== 'Property') return undefined;
  const key = propertyName(p.key, p.computed as boolean);
  const value = unwrap(p.value as Node);
  if (key === 'statusCode') return value;
  return key === 'status' && value?.type === 'Literal' && typeof value.value === 'number' ? value : undefined;
}

/**
 * The object's own top-level status is a server error (`{ statusCode: 500, body }`, `{ status: 503 }`). A
 * nested one (`{ data: null, error: { statusCode: 500 } }`) is a payload field, not the answer's status.
 */
export function answersServerError(value: Node | undefined): boolean {
  const v = unwrap(value);
  if (v?.type !== 'ObjectExpression') return false;
  return (v.properties as Node[]).some((p) => {
    const status = statusField(p);
    return status !== undefined && errorStatus(status, 500);
  });
}
