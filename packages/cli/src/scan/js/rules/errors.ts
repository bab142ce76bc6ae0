// swallowed-error and infra-error-as-auth: catch blocks and promise rejections that hide failures,
// and unchecked fetch responses.
import {
  calleeName,
  isDefaultValue,
  isFunction,
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
import { classifyHttpCall } from './http.js';
import type { Report, Rule } from './Report.js';

const LOGGER = /^(console|logger|log|this\.logger|this\.log|ctx\.log|context\.log|req\.log|request\.log)$/;

function isLogCall(node: Node): boolean {
  const n = unwrap(node.type === 'ExpressionStatement' ? node.expression : node);
  const call = n?.type === 'AwaitExpression' ? unwrap(n.argument) : n;
  if (call?.type !== 'CallExpression') return false;
  const path = memberPath(call.callee);
  if (path === undefined || path.length < 2) return false;
  return LOGGER.test(path.slice(0, -1).join('.')) || /^(logger|log)$/i.test(path.at(-2) ?? '');
}

/** Comments inside a node's source range (an empty catch with a comment is a decision, not an accident). */
function hasComment(
  ctx: ModuleContext,
  comments: readonly { start: number; end: number }[],
  node: Node,
): boolean {
  return (
    comments.some((c) => c.start >= node.start && c.end <= node.end) ||
    /\/[/*]/.test(ctx.source.slice(node.start, node.end))
  );
}

const LOCAL_IO =
  /^(stat|lstat|access|readFile|writeFile|appendFile|mkdir|mkdtemp|readdir|rm|rmdir|unlink|rename|copyFile|open|realpath|readlink|import|parse|stringify|json|text|arrayBuffer|blob)$/;
const LOCAL_ROOTS = new Set(['fs', 'fsp', 'fsPromises', 'promises', 'path', 'JSON', 'zlib', 'crypto']);

/**
 * Does the try block depend on another system (an HTTP or SDK call, or an awaited call that is not
 * local file-system or parsing work)? `try { await fs.stat(p) } catch { return null }` is an existence check.
 */
function doesIo(ctx: ModuleContext, block: Node): boolean {
  return someDescendant(
    block,
    (n) => {
      if (n.type === 'CallExpression' && (isSdkSend(ctx, n) || classifyHttpCall(ctx, n) !== undefined))
        return true;
      if (n.type !== 'AwaitExpression') return false;
      const arg = unwrap(n.argument);
      if (arg?.type !== 'CallExpression' && arg?.type !== 'ImportExpression')
        return arg?.type === 'Identifier';
      if (arg.type === 'ImportExpression') return false;
      const name = calleeName(arg) ?? '';
      const root = memberPath(arg.callee)?.[0] ?? '';
      return !LOCAL_IO.test(name) && !LOCAL_ROOTS.has(root);
    },
    true,
  );
}

const AUTH_STATUS = new Set([401, 403]);

/** Does this code answer 401/403 (status codes, Deny policies, Unauthorized errors)? */
function answersAuthFailure(body: Node): Node | undefined {
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
      } else if (n.type === 'CallExpression') {
        const name = calleeName(n);
        const first = numberValue(n.arguments[0]);
        // `generatePolicy(principal, 'Deny', arn)`: an authorizer's deny.
        if ((n.arguments as Node[]).some((a) => stringValue(a) === 'Deny')) found = n;
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
function callsRemote(ctx: ModuleContext, block: Node): string | undefined {
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
        /^(introspect|getPublicKey|fetchJwks|getKey|lookupApiKey|getItem|findUser)|verif|jwt|jwks|token|signingkey/i.test(
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
function isFalsyValue(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  return isDefaultValue(n) && n?.type !== 'ArrayExpression' && n?.type !== 'ObjectExpression';
}

/**
 * A verification helper whose catch answers "not verified" (`return false`, `null`, ...) for any failure of a
 * remote verifier, called in the same module by code that answers 401/403 on a falsy result:
 * `if (!(await verifyToken(event))) return { statusCode: 401 }`. The 401 comes one function away from the catch.
 */
function verifierGate(
  ctx: ModuleContext,
  handler: Node,
  statements: readonly Node[],
): { answer: Node; helper: string; remote: string } | undefined {
  // Falsy, not merely empty: `return {}` or `return []` would not take the caller's `if (!ok)` branch.
  const returnsFalsy =
    statements.some((s) => s.type === 'ReturnStatement') &&
    statements.every((s) => isLogCall(s) || (s.type === 'ReturnStatement' && isFalsyValue(s.argument)));
  if (!returnsFalsy || discriminates(handler)) return undefined;
  const tryStatement = ctx.parentOf(handler) as Node;
  const remote = callsRemote(ctx, tryStatement.block);
  if (remote === undefined) return undefined;
  const helper = ctx.enclosingFunction(handler);
  if (helper === undefined) return undefined;
  for (const call of ctx.of('CallExpression')) {
    if (ctx.functionOf(call.callee) !== helper) continue;
    // Climb through await, !, parentheses and && / || to the condition that uses the result.
    const { node: n, parent } = ctx.climb(
      call,
      (p) =>
        p.type === 'AwaitExpression' ||
        p.type === 'ParenthesizedExpression' ||
        p.type === 'LogicalExpression' ||
        (p.type === 'UnaryExpression' && p.operator === '!'),
    );
    if (parent?.type !== 'IfStatement' || parent.test !== n) continue;
    const answer = answersAuthFailure(parent.consequent) ?? answersAuthFailure(parent.alternate);
    if (answer !== undefined) return { answer, helper: calleeName(call) ?? 'the helper', remote };
  }
  return undefined;
}

/** Does the catch look at the error before answering (instanceof, name/code checks, a classifier)? */
function discriminates(handler: Node): boolean {
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

export const errorRules: Rule = (ctx: ModuleContext, report: Report) => {
  const comments = ctx.comments;
  for (const handler of ctx.of('CatchClause')) {
    const body = handler.body as Node;
    const statements = body.body as Node[];
    const tryStatement = ctx.parentOf(handler) as Node;
    // infra-error-as-auth first: a catch that answers 401 is not "swallowed", it is wrong.
    const auth = answersAuthFailure(body);
    if (auth !== undefined) {
      const remote = callsRemote(ctx, tryStatement.block);
      if (remote !== undefined && !discriminates(handler))
        report(
          'infra-error-as-auth',
          auth,
          `any failure of ${remote} is answered as 401/403, so an outage logs every user out`,
        );
      continue;
    }
    const gate = verifierGate(ctx, handler, statements);
    if (gate !== undefined) {
      report(
        'infra-error-as-auth',
        gate.answer,
        `${gate.helper}() turns any failure of ${gate.remote} into "not verified", and the caller answers 401/403, so an outage logs every user out`,
      );
      continue;
    }
    if (statements.length === 0) {
      if (!hasComment(ctx, comments, body))
        report('swallowed-error', handler, 'empty catch block: the error disappears');
      continue;
    }
    if (someDescendant(body, (n) => n.type === 'ThrowStatement', true)) continue;
    const io = doesIo(ctx, tryStatement.block);
    const onlyLogs = statements.every((s) => isLogCall(s));
    const returnsDefault =
      statements.every((s) => isLogCall(s) || s.type === 'ReturnStatement') &&
      statements.some((s) => s.type === 'ReturnStatement' && isDefaultValue(s.argument)) &&
      !statements.some((s) => s.type === 'ReturnStatement' && !isDefaultValue(s.argument));
    if (returnsDefault && io) {
      report(
        'swallowed-error',
        handler,
        'catch returns an empty/default value after I/O: the caller cannot tell failure from "nothing"',
      );
    } else if (onlyLogs && io && ctx.handlerKindAt(handler) !== undefined) {
      report(
        'swallowed-error',
        handler,
        'catch only logs on a Lambda handler path: the invocation succeeds and the work is lost',
      );
    }
  }

  for (const call of ctx.of('CallExpression')) {
    // `.catch(() => {})`, `.catch(() => null)`, `.catch(noop)`
    if (
      calleeName(call) === 'catch' &&
      unwrap(call.callee)?.type === 'MemberExpression' &&
      call.arguments.length === 1
    ) {
      if (marksHandled(ctx, call)) continue;
      const fn = ctx.valueOf(call.arguments[0]);
      if (fn !== undefined && isFunction(fn)) {
        const b = fn.body as Node;
        const empty =
          b.type === 'BlockStatement'
            ? (b.body as Node[]).length === 0 && !hasComment(ctx, comments, b)
            : isDefaultValue(b);
        const returnsDefault =
          b.type === 'BlockStatement' &&
          (b.body as Node[]).length === 1 &&
          (b.body as Node[])[0]?.type === 'ReturnStatement' &&
          isDefaultValue((b.body as Node[])[0]?.argument);
        if (empty || returnsDefault) report('swallowed-error', call, '.catch() discards the rejection');
      } else if (
        unwrap(call.arguments[0])?.type === 'Identifier' &&
        /^(noop|ignore|_\.noop)$/.test(unwrap(call.arguments[0])?.name as string)
      ) {
        report('swallowed-error', call, '.catch(noop) discards the rejection');
      }
      continue;
    }
    // fetch responses whose status is never looked at.
    const http = classifyHttpCall(ctx, call);
    if (http?.lib !== 'fetch') continue;
    const unchecked = uncheckedResponse(ctx, call);
    if (unchecked !== undefined) report('swallowed-error', call, unchecked);
  }
};

const CLEANUP =
  /^(cancel|close|destroy|release|abort|dispose|unref|end|disconnect|quit|unlink|rm|remove|unsubscribe|kill|terminate|return)$/;

/**
 * `p.catch(() => undefined)` on a promise that is awaited elsewhere only stops an unhandled-rejection
 * crash; on a best-effort cleanup call (`body.cancel()`, `socket.close()`) there is nothing to handle.
 */
function marksHandled(ctx: ModuleContext, call: Node): boolean {
  const receiver = unwrap(unwrap(call.callee)?.object);
  if (receiver?.type === 'CallExpression') return CLEANUP.test(calleeName(receiver) ?? '');
  if (receiver?.type !== 'Identifier' && receiver?.type !== 'MemberExpression') return false;
  const name = memberPath(receiver)?.join('.');
  if (name === undefined) return false;
  const fn = ctx.enclosingFunction(call);
  const scope = (fn?.body as Node | undefined) ?? ctx.program;
  const text = ctx.source.slice(scope.start, scope.end);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Used again besides this `.catch(...)`: awaited, returned, raced or passed on.
  return (text.match(new RegExp(`(^|[^\\w.$])${escaped}(?![\\w$])`, 'g'))?.length ?? 0) > 1;
}

/** fetch resolves on 4xx/5xx; reading the body without checking `ok`/`status` treats an error page as data. */
function uncheckedResponse(ctx: ModuleContext, call: Node): string | undefined {
  const { node: n, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  if (parent === undefined) return undefined;
  if (parent.type === 'ExpressionStatement' && n.type === 'AwaitExpression')
    return 'fetch() response is discarded: a 4xx/5xx answer counts as success';
  if (parent.type === 'MemberExpression' && parent.object === n && n.type === 'AwaitExpression') {
    const method = parent.property?.name as string | undefined;
    if (method === 'json' || method === 'text' || method === 'arrayBuffer' || method === 'blob')
      return `fetch() body read with .${method}() without checking response.ok: an error page becomes data`;
    return undefined;
  }
  if (
    parent.type === 'VariableDeclarator' &&
    parent.id?.type === 'Identifier' &&
    n.type === 'AwaitExpression'
  ) {
    const name = parent.id.name as string;
    const fn = ctx.enclosingFunction(call) ?? ctx.program;
    const text = ctx.source.slice(fn.start, fn.end);
    const re = new RegExp(
      `\\b${name}\\s*(\\?\\.|\\.)\\s*(ok|status|statusCode|statusText)\\b|\\b(return|yield)\\s+${name}\\s*(;|\\)|$)|\\(\\s*${name}\\s*[,)]|\\b${name}\\s*[,)]`,
    );
    if (re.test(text)) return undefined;
    const reads = new RegExp(`\\b${name}\\s*\\.\\s*(json|text|arrayBuffer|blob|body)\\b`).test(text);
    return reads
      ? `fetch() response ${name} is read without checking ${name}.ok or ${name}.status`
      : undefined;
  }
  return undefined;
}
