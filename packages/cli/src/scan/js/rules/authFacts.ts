// What infra-error-as-auth reads in code: an answer of 401/403 (or Deny), a try block that depends on a
// remote verifier, a falsy "not verified" value, and a catch that looks at the error before answering.
import {
  calleeName,
  isDefaultValue,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';
import { isLogCall } from './catchFacts.js';
import { classifyHttpCall } from './http.js';

const AUTH_STATUS = new Set([401, 403]);

/** Does this code answer 401/403 (status codes, Deny policies, Unauthorized errors)? */
export function answersAuthFailure(body: Node): Node | undefined {
  let found: Node | undefined;
  someDescendant(
    body,
    (n) => {
      if (found) return true;
      if (n.type === 'Property') {
        const key = n.key?.name ?? n.key?.value;
        if ((key === 'statusCode' || key === 'status') && AUTH_STATUS.has(numberValue(n.value) ?? 0))
          found = n;
        if (key === 'Effect' && stringValue(n.value) === 'Deny') found = n;
        // `Effect: Effect.DENY`: a constant of the module's own.
        if (key === 'Effect' && /^deny$/i.test(memberPath(n.value)?.at(-1) ?? '')) found = n;
      } else if (n.type === 'CallExpression') {
        const name = calleeName(n);
        const first = numberValue(n.arguments[0]);
        // `generatePolicy(principal, 'Deny', arn)`, `denyPolicy(arn)`: an authorizer's deny.
        if ((n.arguments as Node[]).some((a) => stringValue(a) === 'Deny')) found = n;
        if (/^(generate|build|create|make)?deny(All)?(Policy|Response)?$/i.test(name ?? '')) found = n;
        // `send401()`, `unauthorized()`, `respondForbidden()`: a helper named for the answer.
        if (
          /^(send|respond|reply|return)?(401|403|unauthori[sz]ed|forbidden|notAuthori[sz]ed)(Response)?$/i.test(
            name ?? '',
          )
        )
          found = n;
        if (
          (name === 'status' || name === 'code' || name === 'sendStatus' || name === 'writeHead') &&
          AUTH_STATUS.has(first ?? 0)
        )
          found = n;
        else if (
          n.arguments.length > 0 &&
          /^(unauthorized|forbidden)$/i.test(stringValue(n.arguments[0]) ?? '') &&
          name === 'callback'
        )
          found = n;
        else if (
          (name === 'error' || name === 'createError' || name === 'HttpError') &&
          AUTH_STATUS.has(first ?? 0)
        )
          found = n;
      } else if (n.type === 'NewExpression') {
        const name = unwrap(n.callee)?.name as string | undefined;
        if (name !== undefined && /^(Unauthorized|Forbidden|Unauthenticated)\w*(Error|Exception)$/.test(name))
          found = n;
        if (
          name !== undefined &&
          /(Http|Api)?Error|Exception|Response/.test(name) &&
          (n.arguments as Node[]).some(
            (a) =>
              AUTH_STATUS.has(numberValue(a) ?? 0) ||
              AUTH_STATUS.has(numberValue(objectProps(a)?.props.get('status')) ?? 0),
          )
        )
          found = n;
      } else if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') {
        const s = stringValue(n.argument);
        if (s !== undefined && /^(unauthorized|forbidden)$/i.test(s)) found = n;
      }
      return found !== undefined;
    },
    true,
  );
  return found;
}

/** Does the try block depend on a remote system (JWKS, KMS, an introspection or key lookup)? */
export function callsRemote(ctx: ModuleContext, block: Node): string | undefined {
  let what: string | undefined;
  someDescendant(
    block,
    (n) => {
      if (what) return true;
      if (n.type !== 'CallExpression') return false;
      const name = calleeName(n);
      const imp = ctx.importRoot(n.callee);
      if (name === 'jwtVerify' && imp?.source === 'jose') {
        const key = ctx.valueOf(n.arguments[1]);
        const keyText = key ? ctx.source.slice(key.start, key.end) : '';
        if (
          /createRemoteJWKSet/.test(keyText) ||
          (unwrap(n.arguments[1])?.type === 'Identifier' &&
            key === unwrap(n.arguments[1]) &&
            /createRemoteJWKSet/.test(ctx.source))
        )
          what = 'the remote JWKS';
        return false;
      }
      if (name === 'getSigningKey' || name === 'getSigningKeys') what = 'the JWKS endpoint';
      else if (
        name === 'verify' &&
        unwrap(ctx.parentOf(n))?.type === 'AwaitExpression' &&
        /JwtVerifier|jwks|verifier/i.test(memberPath(n.callee)?.join('.') ?? '')
      )
        what = 'the JWKS endpoint';
      else if (isSdkSend(ctx, n)) {
        const arg = unwrap(n.arguments[0]);
        const cmd =
          arg?.type === 'NewExpression' ? (unwrap(arg.callee)?.name as string | undefined) : undefined;
        what = cmd !== undefined ? `${cmd} (AWS)` : 'an AWS call';
      } else if (classifyHttpCall(ctx, n) !== undefined) what = 'an HTTP call';
      else if (
        name !== undefined &&
        /^(introspect|getPublicKey|fetchJwks|getKey|lookupApiKey|getItem|findUser)|verif|jwt|jwks|token|signingkey|discover|openid|wellKnown|secret/i.test(
          name,
        ) &&
        unwrap(ctx.parentOf(n))?.type === 'AwaitExpression'
      )
        what = `${name}()`;
      return false;
    },
    true,
  );
  return what;
}

/** `false`, `null`, `undefined`, `0`, `''`, `void x` or no value at all. */
export function isFalsyValue(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  return isDefaultValue(n) && n?.type !== 'ArrayExpression' && n?.type !== 'ObjectExpression';
}

/** Does the catch look at the error before answering (instanceof, name/code checks, a classifier)? */
export function discriminates(handler: Node): boolean {
  const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
  if (param === undefined) return false;
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
        const test =
          n.type === 'SwitchStatement' ? n.discriminant : n.type === 'LogicalExpression' ? n : n.test;
        return (
          someDescendant(
            { type: 'X', start: 0, end: 0, test } as Node,
            (m) => m.type === 'Identifier' && m.name === param,
          ) ||
          (test?.type === 'Identifier' && test.name === param)
        );
      }
      if (
        n.type === 'CallExpression' &&
        (n.arguments as Node[]).some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === param)
      ) {
        const name = calleeName(n) ?? '';
        return /classify|toHttpStatus|is[A-Z]|handle|map|toProblem|errorResponse/.test(name);
      }
      if (n.type === 'ThrowStatement')
        return unwrap(n.argument)?.type === 'Identifier' && unwrap(n.argument)?.name === param;
      return false;
    },
    true,
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
