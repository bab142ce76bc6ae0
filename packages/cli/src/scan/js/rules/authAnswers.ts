// What an answer of "not authenticated / not allowed" looks like in the frameworks Lambda authorizers and
// API middleware are written with: a 401/403 status (a number or a named constant), a Deny policy, an
// HTTP API simple response `{ isAuthorized: false }`, API Gateway's `throw new Error('Unauthorized')`,
// an error class or helper named for the answer, or a constant or variable holding one of these.
import {
  calleeName,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
  wrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { nodesWithin } from '../nodesWithin.js';
import { statusHelperAnswers } from './authStatusParams.js';

const AUTH_STATUS = new Set([401, 403]);
/** `HttpStatus.UNAUTHORIZED`, `StatusCodes.FORBIDDEN`, `HttpStatusCode.Unauthorized`. */
const STATUS_NAME = /^(UNAUTHORI[SZ]ED|FORBIDDEN|Unauthori[sz]ed|Forbidden)$/;
/**
 * Error classes whose name is the answer (`UnauthorizedException`, `AuthError`, `InvalidTokenError`, http-errors'
 * `new createError.Unauthorized()`).
 */
const AUTH_ERROR =
  /^(Unauthori[sz]ed|Forbidden|Unauthenticated|NotAuthori[sz]ed|AccessDenied|Auth|Authentication|Authorization|InvalidToken)(Error|Exception)$|^(Unauthori[sz]ed|Forbidden|Unauthenticated|NotAuthori[sz]ed|AccessDenied|InvalidToken)\w*(Error|Exception)$|^(Unauthori[sz]ed|Forbidden)$/;
/** The message API Gateway turns into a 401 when an authorizer throws it, and its kin. */
const AUTH_MESSAGE = /^(unauthori[sz]ed|forbidden|not authori[sz]ed|access denied)\b/i;
/** tRPC, GraphQL and gRPC-style codes. */
const AUTH_CODE = /^(UNAUTHORI[SZ]ED|FORBIDDEN|UNAUTHENTICATED|PERMISSION_DENIED)$/;
/** Callbacks an authorizer answers through: `callback('Unauthorized')`, `context.fail('Unauthorized')`. */
const CALLBACK = /^(callback|cb|done|fail)$/;
/** Response builders taking the status after the body: `c.json(body, 401)`, `c.text('no', 403)`. */
const BODY_THEN_STATUS = /^(json|text|body|html|send|newResponse)$/;

/** A literal, or (with `ctx`) the literal a name was declared with: `let effect = 'Deny'`, `const FORBIDDEN = 403`. */
function literalOf(node: Node | undefined, ctx: ModuleContext | undefined): Node | undefined {
  const n = unwrap(node);
  return ctx !== undefined && n?.type === 'Identifier' ? ctx.valueOf(n) : n;
}

/** 401/403 as a number or a named constant. */
export function isAuthStatus(node: Node | undefined, ctx?: ModuleContext): boolean {
  if (AUTH_STATUS.has(numberValue(literalOf(node, ctx)) ?? 0)) return true;
  if (ctx !== undefined && AUTH_STATUS.has(numberValue(builtField(node, ctx)) ?? 0)) return true;
  const last = memberPath(unwrap(node))?.at(-1);
  return last !== undefined && (memberPath(unwrap(node))?.length ?? 0) > 1 && STATUS_NAME.test(last);
}

/**
 * `res.status(error.code)` after `const error = { code: 403, message: err.message }`: the field of an object
 * the function built first, so the status is what that literal says (the value a response is built from).
 */
function builtField(node: Node | undefined, ctx: ModuleContext): Node | undefined {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || unwrap(n.object)?.type !== 'Identifier') return undefined;
  const key = propertyName(n.property, n.computed);
  if (key !== 'code' && key !== 'status' && key !== 'statusCode') return undefined;
  return objectProps(ctx.valueOf(n.object))?.props.get(key);
}

/**
 * The status handed to a response builder: 401/403, or a name holding a choice of one
 * (`const status = err instanceof AppError ? err.statusCode : 401`: every other error gets 401).
 */
function builtStatus(node: Node | undefined, ctx: ModuleContext | undefined): boolean {
  const value = literalOf(node, ctx);
  if (value?.type === 'ConditionalExpression')
    return isAuthStatus(value.consequent, ctx) || isAuthStatus(value.alternate, ctx);
  return isAuthStatus(node, ctx);
}

function answerNode(n: Node, ctx?: ModuleContext): boolean {
  if (n.type === 'Property') {
    const key = n.key?.name ?? n.key?.value;
    if ((key === 'statusCode' || key === 'status') && isAuthStatus(n.value, ctx)) return true;
    if (key === 'Effect' && stringValue(literalOf(n.value, ctx)) === 'Deny') return true;
    // `Effect: Effect.DENY`: a constant of the module's own.
    if (key === 'Effect' && /^deny$/i.test(memberPath(n.value)?.at(-1) ?? '')) return true;
    // An HTTP API simple authorizer's answer.
    const value = literalOf(n.value, ctx);
    if (key === 'isAuthorized' && value?.type === 'Literal' && value.value === false) return true;
    if (key === 'code' && AUTH_CODE.test(stringValue(n.value) ?? '')) return true;
    return false;
  }
  if (n.type === 'AssignmentExpression') {
    // `ctx.status = 401`, `res.statusCode = 403`.
    const left = unwrap(n.left);
    const prop = left?.type === 'MemberExpression' ? propertyName(left.property, left.computed) : undefined;
    // `event.response.answerCorrect = false`: a Cognito VerifyAuthChallengeResponse trigger's "wrong answer".
    if (prop === 'answerCorrect') return isFalse(n.right);
    return (prop === 'status' || prop === 'statusCode') && isAuthStatus(n.right, ctx);
  }
  if (n.type === 'CallExpression') {
    const name = calleeName(n) ?? '';
    const args = n.arguments as Node[];
    // `generatePolicy(principal, 'Deny', arn)`, `denyPolicy(arn)`: an authorizer's deny.
    if (args.some((a) => stringValue(literalOf(a, ctx)) === 'Deny')) return true;
    if (/^(generate|build|create|make)?deny(All)?(Policy|Response)?$/i.test(name)) return true;
    // `generatePolicy(false, ctx)`: a simple authorizer's answer built with `false` for "authorized".
    if (/^(generate|build|create|make)\w*(Policy|AuthorizerResponse)$/.test(name) && falseAuthorized(n, ctx))
      return true;
    // `send401()`, `unauthorized()`, `respondForbidden()`, `createError.Unauthorized()`: named for the answer.
    if (
      /^(send|respond|reply|return)?(401|403|unauthori[sz]ed|forbidden|notAuthori[sz]ed)(Response)?$/i.test(
        name,
      )
    )
      return true;
    if (
      /^(status|code|sendStatus|writeHead|throw|error|createError|createHttpError|httpError|HttpError)$/.test(
        name,
      ) &&
      isAuthStatus(args[0], ctx)
    )
      return true;
    if (BODY_THEN_STATUS.test(name) && isAuthStatus(args[1])) return true;
    // A project's response builder, status first: `Response(HttpCodesEnum.UNAUTHORIZED, 'Unauthorized')`,
    // `buildResponse(401, body)`.
    if (/(^r|R)esponse$|^respond$|^reply$/.test(name) && builtStatus(args[0], ctx)) return true;
    // `fail(stream, 401, 'Unauthorized')`: a helper of the module whose parameter is the response's status.
    if (ctx !== undefined && statusHelperAnswers(ctx, n, isAuthStatus)) return true;
    // `throw Error('Unauthorized')`: Error called without `new` makes the same error.
    if (/^(Type)?Error$/.test(name) && AUTH_MESSAGE.test(stringValue(args[0]) ?? '')) return true;
    return CALLBACK.test(name) && AUTH_MESSAGE.test(stringValue(args[0]) ?? '');
  }
  if (n.type === 'NewExpression') {
    const name = memberPath(unwrap(n.callee))?.at(-1) ?? '';
    const args = n.arguments as Node[];
    if (AUTH_ERROR.test(name)) return true;
    // `throw new Error('Unauthorized')`: API Gateway answers a throwing authorizer's "Unauthorized" with 401.
    if (/Error$/.test(name) && AUTH_MESSAGE.test(stringValue(args[0]) ?? '')) return true;
    return (
      /(Http|Api)?Error|Exception|Response/.test(name) &&
      args.some((a) => isAuthStatus(a) || isAuthStatus(objectProps(a)?.props.get('status')))
    );
  }
  // `return HTTPResponses.UNAUTHORISED`: a project's table of ready responses, named for the status.
  if (
    n.type === 'ReturnStatement' &&
    isAuthStatus(n.argument) &&
    numberValue(unwrap(n.argument)) === undefined
  )
    return true;
  // `return error(err.message, 401)`: an answer built by an imported response builder handed the status as a
  // number. A helper of the module is left to statusHelperAnswers, which checks the number is its status.
  if (n.type === 'ReturnStatement' && statusArgument(n.argument, ctx)) return true;
  if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement')
    return AUTH_MESSAGE.test(stringValue(n.argument) ?? '');
  return false;
}

function isFalse(node: Node | undefined): boolean {
  const n = unwrap(node);
  return n?.type === 'Literal' && n.value === false;
}

/**
 * A policy call handed `false` for "authorized": none of its arguments is 'Allow' (`buildPolicy('guest',
 * 'Allow', arn, false)` lets a guest in), and a helper of the module puts that parameter in `isAuthorized`.
 */
function falseAuthorized(call: Node, ctx: ModuleContext | undefined): boolean {
  const args = call.arguments as Node[];
  if (args.some((a) => stringValue(literalOf(a, ctx)) === 'Allow')) return false;
  const at = args.findIndex(isFalse);
  if (at < 0) return false;
  const callee = unwrap(call.callee as Node);
  const fn = callee?.type === 'Identifier' ? ctx?.functionOf(callee) : undefined;
  if (fn === undefined) return true;
  const param = unwrap((fn.params as Node[] | undefined)?.[at]);
  if (param?.type !== 'Identifier') return false;
  return someDescendant(
    fn.body as Node,
    (n) =>
      n.type === 'Property' &&
      propertyName(n.key as Node, n.computed as boolean) === 'isAuthorized' &&
      unwrap(n.value as Node)?.type === 'Identifier' &&
      unwrap(n.value as Node)?.name === param.name,
    true,
  );
}

/** Names of response builders: `reply`, `respond`, `c.json`, `sendError`, `errorResponse`. */
const RESPONSE_BUILDER =
  /^(reply|respond|answer|json|send|error|fail|endWith)$|^(send|build|make|create)?(Error|Response|Json|Reply)$|[a-z]Response$/i;

/** A call (awaited or not) of a response builder not declared in this module, handed a literal 401 or 403. */
function statusArgument(node: Node | null | undefined, ctx: ModuleContext | undefined): boolean {
  const v = unwrap(node);
  const call = v?.type === 'AwaitExpression' ? unwrap(v.argument) : v;
  if (call?.type !== 'CallExpression' || !RESPONSE_BUILDER.test(calleeName(call) ?? '')) return false;
  const callee = unwrap(call.callee as Node);
  if (callee?.type === 'Identifier' && ctx?.functionOf(callee) !== undefined) return false;
  return (call.arguments as Node[]).some((a) => AUTH_STATUS.has(numberValue(unwrap(a)) ?? 0));
}

/**
 * Does this code answer 401/403 (status codes, Deny policies, Unauthorized errors)? With `ctx`, a
 * returned or thrown name is followed to the constant it holds (`return denyResponse`).
 */
export function answersAuthFailure(
  body: Node | null | undefined,
  ctx?: ModuleContext,
  depth = 0,
): Node | undefined {
  if (body == null) return undefined;
  let found: Node | undefined;
  someDescendant(
    body,
    (n) => {
      if (found) return true;
      if (answerNode(n, ctx) || builtAnswerField(n, ctx, depth)) found = n;
      else if (ctx !== undefined && (n.type === 'ReturnStatement' || n.type === 'ThrowStatement')) {
        const arg = unwrap(n.argument);
        if (arg?.type !== 'Identifier') return false;
        const value = ctx.valueOf(arg);
        if (
          value !== undefined &&
          value !== arg &&
          (answerNode(value, ctx) || answersAuthFailure(wrap(value)))
        )
          found = n;
      }
      return found !== undefined;
    },
    true,
  );
  return found;
}

/**
 * A field of the answer named by a value the function built first: an authorizer's documented output is
 * `{ principalId, policyDocument, context }`, often with `const policyDocument = { Statement: [{ Effect:
 * effect }] }` declared above the return, so the Deny sits in the object the name holds.
 */
function builtAnswerField(n: Node, ctx: ModuleContext | undefined, depth: number): boolean {
  if (ctx === undefined || depth > 2 || n.type !== 'Property' || unwrap(n.value)?.type !== 'Identifier')
    return false;
  const value = ctx.valueOf(n.value as Node);
  if (value?.type !== 'ObjectExpression' && value?.type !== 'ArrayExpression') return false;
  return answersAuthFailure(wrap(value), ctx, depth + 1) !== undefined;
}

/**
 * The first answer `judge` finds on a node of `type` in `fn`'s body (nested functions left out) that starts
 * after `declarator`, the declaration of the result it tests: how an authorizer's check of a verification
 * result is found after `const claims = await verify(token)`.
 * @example
 * answerAfter(fn, declarator, 'SwitchStatement', (s) => caseAnswer(s)) // the `return 401` of `case 'expired':`
 */
export function answerAfter(
  fn: Node | undefined,
  declarator: Node,
  type: string,
  judge: (node: Node) => Node | undefined,
): Node | undefined {
  const body = fn?.body as Node | undefined;
  if (body === undefined || body === null) return undefined;
  let answer: Node | undefined;
  for (const m of nodesWithin(body, type)) {
    if (m.start < declarator.end) continue;
    answer = judge(m);
    if (answer !== undefined) break;
  }
  return answer;
}
