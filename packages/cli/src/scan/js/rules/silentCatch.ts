// swallowed-error: a catch that neither logs nor looks at the error and answers a constant result
// (`return { result: 'error' }`, `return { success: false, message: ['Unknown error'] }`): the failure leaves
// no trace, and the caller gets an answer it cannot tell from "no data" or a handled refusal.
import { calleeName, forEachDescendant, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';
import { callsRemote } from './authFacts.js';
import { classifyHttpCall } from './http.js';
import { answersServerError } from './httpStatus.js';

/** A literal, or an array or object of them: a value built without reading anything. */
export function isConstant(node: Node | null | undefined, depth = 0): boolean {
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
 * The catch's only statement returns a non-empty constant object (`return { success: false, message:
 * ['Unknown error'] }`, `return { statusCode: 400 }` for every failure): the error is never read, so the
 * failure leaves no trace and the caller gets an answer it cannot tell from a normal or refused one.
 *
 * A fixed server error at the answer's top level (`{ statusCode: 500 }`, `{ status: 503 }`) is not this: the
 * caller is told that it failed and API Gateway's 5xx metric counts it, so nothing is hidden; the missing cause
 * is a logging gap. Whether anyone reads that answer (a schedule does not) is judged where every failure answer
 * is (failureResult.ts).
 */
export function silentConstantAnswer(handler: Node): boolean {
  const statements = (handler.body as Node).body as Node[];
  if (statements.length !== 1) return false;
  const [only] = statements;
  return constantHidingAnswer(only?.type === 'ReturnStatement' ? only.argument : undefined);
}

/** A non-empty constant object that is no fixed server error: the answer silentConstantAnswer looks for. */
export function constantHidingAnswer(answer: Node | null | undefined): boolean {
  const value = unwrap(answer);
  if (value === undefined || answersServerError(value)) return false;
  return value.type === 'ObjectExpression' && (value.properties as Node[]).length > 0 && isConstant(value);
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
