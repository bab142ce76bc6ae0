// What infra-error-as-auth reads in code: an answer of 401/403 (or Deny), a try block that depends on a
// remote verifier, a falsy "not verified" value, and a catch that looks at the error before answering.
import { calleeName, type Node, someDescendant, stringValue, unwrap, wrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure } from './authAnswers.js';
import { sameAnswerTests } from './authSameAnswers.js';
import { isDeniedStatusValue } from './authStatusVerdict.js';
import { isLogCall } from './catchFacts.js';
import { describesError, messageCopies } from './errorText.js';

export { answersAuthFailure } from './authAnswers.js';
export { callsRemote } from './authRemote.js';

/** `false`, `null`, `undefined`, `0`, `''`, `void x` or no value at all. */
export function isFalsyValue(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  return isDefaultValue(n) && n?.type !== 'ArrayExpression' && n?.type !== 'ObjectExpression';
}

/**
 * The fields a verification result says "yes" or "no" with (`{ success: false }`, `{ valid: false }`,
 * `{ ok: false, error }`): a helper answering one of these is answering "not verified".
 */
export const VERDICT_FIELD =
  /^(success|succeeded|valid|isValid|ok|verified|isVerified|authorized|isAuthorised|authorised|authenticated|isAuthenticated)$/;

/** `false`/`null`/nothing, or a result object whose verdict field is `false` (`{ success: false }`). */
export function isNotVerifiedValue(node: Node | null | undefined): boolean {
  if (isFalsyValue(node) || isDeniedStatusValue(node)) return true;
  const n = unwrap(node);
  if (n?.type !== 'ObjectExpression') return false;
  return (n.properties as Node[]).some((p) => {
    const key = p.type === 'Property' ? (p.key?.name ?? p.key?.value) : undefined;
    const value = unwrap(p.value);
    return VERDICT_FIELD.test(String(key ?? '')) && value?.type === 'Literal' && value.value === false;
  });
}

/** Does the catch look at the error before answering (instanceof, name/code checks, a classifier)? */
export function discriminates(handler: Node): boolean {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  if (param === undefined) return false;
  const sameAnswer = sameAnswerTests(handler);
  const copies = messageCopies(handler, param);
  return someDescendant(
    handler.body,
    (n) => {
      if (
        n.type === 'IfStatement' ||
        n.type === 'ConditionalExpression' ||
        n.type === 'SwitchStatement' ||
        n.type === 'LogicalExpression'
      ) {
        // `if (error instanceof JsonWebTokenError) console.error(...)`: a test that only picks what to log
        // answers every error the same way.
        if (
          n.type === 'IfStatement' &&
          onlyLogs(n.consequent) &&
          (n.alternate == null || onlyLogs(n.alternate))
        )
          return false;
        // `if (err instanceof errors.JWTExpired) return 401` and 401 for the rest: one refusal for all.
        if (sameAnswer.has(n)) return false;
        // `e.name === 'TokenExpiredError' ? 'Session expired' : 'Invalid token'`: picks the words of the one
        // answer every error gets, not which errors get it.
        if (n.type === 'ConditionalExpression' && picksWords(n)) return false;
        // `e instanceof Error ? e.message : String(e)`: the error made into text, whatever it is.
        if (describesError(n, param)) return false;
        const test =
          n.type === 'SwitchStatement' ? n.discriminant : n.type === 'LogicalExpression' ? n : n.test;
        // `err instanceof AppError ? err.statusCode : 401`: the project's own errors keep their status and
        // every other failure, an outage included, is answered 401; that test tells no token error apart.
        // One whose own-error branch answers 401 (others 500) does tell them apart.
        if (ownErrorTest(test, param)) return answersAuthFailure(wrap(n.consequent as Node)) !== undefined;
        // A copy of the error's message (`const msg = err instanceof Error ? err.message : '...'`) tested
        // tests the error (errorText.ts messageCopies).
        return (
          someDescendant(
            { type: 'X', start: 0, end: 0, test } as Node,
            (m) => m.type === 'Identifier' && (m.name === param || copies.has(m.name as string)),
          ) ||
          (test?.type === 'Identifier' && test.name === param)
        );
      }
      if (
        n.type === 'CallExpression' &&
        (n.arguments as Node[]).some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === param)
      ) {
        const name = calleeName(n) ?? '';
        // `errorResponse(401, 'Login failed', error)`: the status is fixed at the call and the error is only
        // the body's detail, so every failure gets the same 401; a helper given the error alone may map it.
        if (fixedStatusAnswer(n)) return false;
        return /classify|toHttpStatus|is[A-Z]|handle|map|toProblem|errorResponse/.test(name);
      }
      if (n.type === 'ThrowStatement')
        return unwrap(n.argument)?.type === 'Identifier' && unwrap(n.argument)?.name === param;
      return false;
    },
    true,
  );
}

/** An answer helper called with a literal 4xx/5xx status (`errorResponse(401, msg, err)`): its status is set. */
function fixedStatusAnswer(call: Node): boolean {
  if (!/response$/i.test(calleeName(call) ?? '')) return false;
  return (call.arguments as Node[]).some((a) => {
    const v = unwrap(a);
    return v?.type === 'Literal' && typeof v.value === 'number' && v.value >= 400 && v.value < 600;
  });
}

/**
 * A conditional choosing between two phrases (a message): words with a space between them, never a code,
 * an effect or a status (`'FORBIDDEN' : 'INTERNAL_SERVER_ERROR'` picks the answer and tells errors apart).
 */
function picksWords(n: Node): boolean {
  return [n.consequent, n.alternate].every((b) => /\S\s+\S/.test(stringValue(b as Node) ?? ''));
}

/** The catch-all base class a project raises its own answers with (`AppError`, `HttpError`, `ApiError`). */
export const OWN_ERROR_CLASS =
  /^(App|Api|Http|Base|Custom|Service|Application|Domain|Handled|Known)(Error|Exception)$/;

/** `param instanceof AppError`: a test for the project's own raised errors, not for a kind of failure. */
function ownErrorTest(test: Node | undefined, param: string): boolean {
  const t = unwrap(test);
  return (
    t?.type === 'BinaryExpression' &&
    t.operator === 'instanceof' &&
    unwrap(t.left)?.type === 'Identifier' &&
    unwrap(t.left)?.name === param &&
    OWN_ERROR_CLASS.test(unwrap(t.right)?.name ?? '')
  );
}

/** A statement, or a block of them, that only logs. */
function onlyLogs(node: Node | undefined): boolean {
  if (node === undefined) return false;
  const statements = node.type === 'BlockStatement' ? (node.body as Node[]) : [node];
  return statements.length > 0 && statements.every((s) => isLogCall(s));
}

/** Climbs from a call through await, !, parentheses and && / || to what uses its result. */
export function userOf(ctx: ModuleContext, call: Node): { node: Node; parent: Node | undefined } {
  return ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' ||
      p.type === 'ParenthesizedExpression' ||
      p.type === 'LogicalExpression' ||
      (p.type === 'UnaryExpression' && p.operator === '!'),
  );
}
