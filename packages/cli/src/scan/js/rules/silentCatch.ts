// swallowed-error: a catch that neither logs nor looks at the error and answers a constant result
// (`return { result: 'error' }`, `return { success: false, message: ['Unknown error'] }`): the failure leaves
// no trace, and the caller gets an answer it cannot tell from "no data" or a handled refusal.
import { calleeName, forEachDescendant, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';
import { callsRemote } from './authFacts.js';
import { classifyHttpCall } from './http.js';

function isConstant(node: Node | null | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 3) return n === undefined;
  if (n.type === 'Literal') return !('regex' in n && n.regex);
  if (n.type === 'Identifier') return n.name === 'undefined';
  if (n.type === 'TemplateLiteral') return (n.expressions as Node[]).length === 0;
  if (n.type === 'ArrayExpression')
    return (n.elements as Node[]).every((e) => e !== null && isConstant(e, depth + 1));
  if (n.type === 'ObjectExpression')
    return (n.properties as Node[]).every(
      (p) => p.type === 'Property' && !p.computed && isConstant(p.value, depth + 1),
    );
  return false;
}

/**
 * Built only from constants and calls of constants: `addHttpHeaders({ statusCode: 500, body:
 * format(ERRORS.FAILED) })`. A member path (`ERRORS.FAILED`) counts as a constant; any other name
 * might hold the error, so it does not.
 */
function isFixedResponse(node: Node | null | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 4) return false;
  if (n.type === 'MemberExpression')
    return !n.computed && memberPath(n)?.every((part) => !part.endsWith('()')) === true;
  if (n.type === 'CallExpression' && !n.optional) {
    const callee = unwrap(n.callee);
    return (
      (callee?.type === 'Identifier' || (callee?.type === 'MemberExpression' && !callee.computed)) &&
      (n.arguments as Node[]).every((a) => isFixedResponse(a, depth + 1))
    );
  }
  if (n.type === 'ObjectExpression')
    return (n.properties as Node[]).every(
      (p) => p.type === 'Property' && !p.computed && isFixedResponse(p.value, depth + 1),
    );
  if (n.type === 'ArrayExpression')
    return (n.elements as Node[]).every((e) => e !== null && isFixedResponse(e, depth + 1));
  return isConstant(n);
}

/** A status argument naming a server error: `500`, `HttpCodesEnum.SERVER_ERROR`, `StatusCodes.INTERNAL_SERVER_ERROR`. */
const SERVER_ERROR_NAME = /^(SERVER_ERROR|INTERNAL_SERVER_ERROR|INTERNAL_ERROR|SERVICE_UNAVAILABLE)$/;

/** `500` (any 5xx literal) or a member named for a server error: `HttpCodesEnum.SERVER_ERROR`. */
export function serverErrorStatus(n: Node | undefined): boolean {
  const v = unwrap(n);
  if (v?.type === 'Literal') return typeof v.value === 'number' && v.value >= 500 && v.value < 600;
  return v?.type === 'MemberExpression' && SERVER_ERROR_NAME.test(memberPath(v)?.at(-1) ?? '');
}

/**
 * Somewhere in the answer an object says `statusCode: 5xx`, or a response helper is handed a server-error
 * status first (`Response(HttpCodesEnum.SERVER_ERROR, 'An error has occured')`): the answer is a server error.
 */
function answersServerError(value: Node): boolean {
  const call = unwrap(value);
  if (call?.type === 'CallExpression' && serverErrorStatus((call.arguments as Node[])[0])) return true;
  let found = false;
  forEachDescendant(value, (n) => {
    if (n.type !== 'Property' || found) return !found;
    const v = unwrap(n.value);
    found =
      propertyName(n.key, n.computed as boolean) === 'statusCode' &&
      v?.type === 'Literal' &&
      typeof v.value === 'number' &&
      v.value >= 500;
    return !found;
  });
  return found;
}

/**
 * The catch's only statement returns a non-empty constant object, or a fixed server-error response built
 * through calls of constants (`return addHttpHeaders({ statusCode: 500, body: ... })`), and the error is
 * never read: with a single such return there is nowhere the error could be read; a param is fine.
 */
export function silentConstantAnswer(handler: Node): boolean {
  const statements = (handler.body as Node).body as Node[];
  if (statements.length !== 1) return false;
  const [only] = statements;
  const value = unwrap(only?.type === 'ReturnStatement' ? only.argument : undefined);
  if (value === undefined) return false;
  if (value.type === 'ObjectExpression' && (value.properties as Node[]).length > 0 && isConstant(value))
    return true;
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  let readsError = false;
  forEachDescendant(value, (n) => {
    if (n.type === 'Identifier' && n.name === param) readsError = true;
    return !readsError;
  });
  return !readsError && answersServerError(value) && isFixedResponse(value);
}

/**
 * What a silent constant answer costs, for the finding's message: a fixed 5xx tells the caller that something
 * failed but keeps no trace of what (nothing to diagnose, nothing a log alarm can count), while any other
 * constant answer passes the failure off as a normal result.
 *
 * @example silentAnswerMessage(catchOf('catch { return json(500, { ok: false }) }')) // '...fixed server error...'
 */
export function silentAnswerMessage(handler: Node): string {
  const [only] = (handler.body as Node).body as Node[];
  const value = unwrap(only?.type === 'ReturnStatement' ? only.argument : undefined);
  return value !== undefined && answersServerError(value)
    ? 'catch answers a fixed server error without logging or reading the error: the caller learns that it failed, nobody learns why, and no log-based alarm sees it'
    : 'catch answers a constant result without logging or reading the error: the failure leaves no trace and looks like a normal answer';
}

const TOKEN_LIBRARIES = new Set(['jsonwebtoken', 'jose']);
const VERIFY = /^(verify|jwtVerify|decode)$/;

/** `jwt.verify(...)`, jose `jwtVerify(...)`, or a `promisify(jwt.verify)` of this module. */
function tokenLibraryVerify(ctx: ModuleContext, call: Node): boolean {
  const fromLibrary = (n: Node | undefined): boolean =>
    n !== undefined &&
    TOKEN_LIBRARIES.has(ctx.importRoot(n)?.source ?? '') &&
    VERIFY.test(memberPath(n)?.at(-1) ?? '');
  if (fromLibrary(unwrap(call.callee))) return true;
  const made = ctx.valueOf(call.callee);
  return (
    made?.type === 'CallExpression' &&
    calleeName(made) === 'promisify' &&
    fromLibrary(unwrap(made.arguments[0]))
  );
}

/**
 * The try checks a token with jsonwebtoken or jose against a key it holds (no JWKS, no SDK, no HTTP): a
 * failure there means a bad token, which the catch answers as "not valid" by design.
 */
export function localTokenCheck(ctx: ModuleContext, block: Node): boolean {
  // The verify must be one of the libraries' (tokenLibraryVerify reads the import): without their import
  // the answer is no, and the walks below (callsRemote's among them) are skipped.
  if (![...ctx.imports.values()].some((imp) => TOKEN_LIBRARIES.has(imp.source))) return false;
  // callsRemote names any awaited `verify*()` as remote; the library's own verify is judged here instead.
  const remote = callsRemote(ctx, block);
  if (remote !== undefined && !/^\w+\(\)$/.test(remote)) return false;
  let verifies = false;
  let other = false;
  forEachDescendant(block, (n) => {
    if (n.type !== 'CallExpression') return true;
    if (isSdkSend(ctx, n) || classifyHttpCall(ctx, n) !== undefined) other = true;
    else if (tokenLibraryVerify(ctx, n)) verifies = true;
    else if (unwrap(ctx.parentOf(n))?.type === 'AwaitExpression') other = true;
    return !other;
  });
  return verifies && !other;
}
