// infra-error-as-auth in jsonwebtoken's callback form: `jwt.verify(token, getKey, options, (err, decoded)
// => { if (err) return res.status(401)... })` with a key callback that fetches the signing key from a JWKS
// endpoint. jsonwebtoken hands the key callback's failure (a timeout, a 5xx, jwks-rsa's rate limit) to the
// completion callback as a JsonWebTokenError, so `if (err)` answers 401 for an outage of the issuer too.
import {
  calleeName,
  forEachDescendant,
  isFunction,
  type Node,
  someDescendant,
  unwrap,
  wrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkClass, memberCall } from '../memberClass.js';
import { answersAuthFailure } from './authAnswers.js';
import { callsRemote } from './authRemote.js';
import { isLogCall } from './catchFacts.js';
import { multerS3Upload } from './multerS3Uploads.js';
import type { Report } from './Report.js';

/** The test reads the error only as "there is one" (`if (err)`, `if (err || !decoded)`), never its kind. */
export function anyError(ctx: ModuleContext, test: Node, param: string): boolean {
  let seen = false;
  let kind = false;
  someDescendant(wrap(test), (m) => {
    if (m.type !== 'Identifier' || m.name !== param) return false;
    seen = true;
    const parent = ctx.parentOf(m);
    if (parent?.type === 'MemberExpression' || (parent?.type === 'BinaryExpression' && parent.left === m))
      kind = true;
    return false;
  });
  return seen && !kind;
}

/** `if (err) <answer 401/403>` in a callback whose first parameter is the error: the `if`s that answer any error. */
function anyErrorAnswers(ctx: ModuleContext, done: Node): Node[] {
  const param = (done.params as Node[])[0];
  if (param?.type !== 'Identifier') return [];
  const found: Node[] = [];
  someDescendant(
    done.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || !anyError(ctx, n.test as Node, param.name as string)) return false;
      if (answersAuthFailure(n.consequent as Node, ctx) !== undefined) found.push(n);
      return false;
    },
    true,
  );
  return found;
}

/**
 * The error-first callback of a remote call itself: jwks-rsa's `client.getSigningKey(kid, (err, key) =>
 * ...)` (a fetch of the JWKS; its SigningKeyNotFoundError is the token's fault, a timeout or a 5xx is not),
 * or an aws-sdk v2 client's method called with a callback (`cognito.getUser(params, (err, data) => ...)`:
 * NotAuthorizedException, but also TooManyRequestsException and InternalErrorException), or a multer-s3
 * upload (rules/multerS3Uploads.ts). `if (err)` answering
 * 401/403/Deny answers all of them alike.
 */
function remoteCallbackRules(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    const args = call.arguments as Node[];
    const done = unwrap(args.at(-1));
    if (args.length < 2 || done === undefined || !isFunction(done) || (done.params as Node[]).length < 1)
      continue;
    const name = calleeName(call) ?? '';
    const member = /^getSigningKeys?$/.test(name) ? undefined : memberCall(ctx, call);
    const remote = /^getSigningKeys?$/.test(name)
      ? 'the JWKS endpoint'
      : member !== undefined && isSdkClass(member.owner)
        ? `${member.method} (AWS)`
        : multerS3Upload(ctx, call)
          ? 'the S3 upload (multer-s3)'
          : undefined;
    if (remote === undefined) continue;
    const answers = anyErrorAnswers(ctx, done);
    if (answers.length === 0 && remote === 'the JWKS endpoint')
      for (const n of discardingBranches(ctx, done))
        report(
          'infra-error-as-auth',
          n,
          'the JWKS download error stops at a log, and the callback answers the same failure a forged token gets: an outage of the issuer logs every user out',
        );
    for (const n of answers)
      report(
        'infra-error-as-auth',
        n,
        `any error of ${remote} reaches this callback, and it is answered 401/403: an outage of the issuer or service logs every user out`,
      );
  }
}

/**
 * `if (err) { log(err); done(fail()) }` in jwks-rsa's key callback: the key download's error goes no further
 * than a log, and what leaves is the same failure a forged token gets, so whatever the caller answers for a
 * bad token it answers for a JWKS outage too. The branch counts only when it answers 401/403 itself, or hands
 * on an argument (`fail()`, `false`) the rest of the callback also hands on for a bad token; handing `err`
 * on, or a fresh outage error (`done(new KeysUnavailable(...))`, `res.status(503)`), is fine. The `if` may
 * sit in nested blocks (a try), not in nested functions.
 */
function discardingBranches(ctx: ModuleContext, done: Node): Node[] {
  const param = (done.params as Node[])[0];
  if (param?.type !== 'Identifier') return [];
  const body = done.body as Node;
  const found: Node[] = [];
  forEachDescendant(
    body,
    (n) => {
      if (n.type !== 'IfStatement' || !anyError(ctx, n.test as Node, param.name as string)) return true;
      const branch = n.consequent as Node;
      const statements = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
      const kept = statements.filter((s) => !isLogCall(s));
      const handsOn = kept.some((s) =>
        someDescendant(s, (m) => m.type === 'Identifier' && m.name === param.name),
      );
      if (!handsOn && (answersAuthFailure(branch, ctx) !== undefined || sameFailure(ctx, body, branch)))
        found.push(n);
      return false;
    },
    true,
  );
  return found;
}

/** Does the branch hand on an argument (`fail()`, `false`) that the callback also hands on outside it? */
function sameFailure(ctx: ModuleContext, body: Node, branch: Node): boolean {
  const text = (n: Node) => ctx.source.slice(n.start, n.end).replace(/\s+/g, '');
  const handed = new Set<string>();
  forEachDescendant(
    branch,
    (n) => {
      if (n.type !== 'CallExpression') return true;
      for (const a of n.arguments as Node[]) {
        const arg = unwrap(a);
        if (arg?.type === 'CallExpression' || (arg?.type === 'Literal' && arg.value === false))
          handed.add(text(arg));
      }
      return true;
    },
    true,
  );
  if (handed.size === 0) return false;
  return someDescendant(body, (n) => {
    if (n.start >= branch.start && n.end <= branch.end) return false;
    return (n.type === 'CallExpression' || n.type === 'Literal') && handed.has(text(n));
  });
}

export function verifyCallbackRules(ctx: ModuleContext, report: Report): void {
  if (ctx.spells('getSigningKey') || ctx.spells('aws-sdk') || ctx.spells('multer-s3'))
    remoteCallbackRules(ctx, report);
  if (!ctx.spells('jsonwebtoken')) return;
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'verify' || ctx.importRoot(call.callee)?.source !== 'jsonwebtoken') continue;
    const args = call.arguments as Node[];
    const key = ctx.functionOf(args[1]);
    const done = unwrap(args.at(-1));
    if (key === undefined || args.length < 3 || done === undefined || !isFunction(done)) continue;
    const param = (done.params as Node[])[0];
    if (param?.type !== 'Identifier') continue;
    const remote = callsRemote(ctx, wrap(key.body as Node));
    if (remote === undefined) continue;
    someDescendant(
      done.body as Node,
      (n) => {
        if (n.type !== 'IfStatement' || !anyError(ctx, n.test as Node, param.name as string)) return false;
        if (answersAuthFailure(n.consequent as Node, ctx) !== undefined)
          report(
            'infra-error-as-auth',
            n,
            `jsonwebtoken passes a failure of the key callback (${remote}) to this callback as a token error, and any error is answered 401/403: an outage of the issuer logs every user out`,
          );
        return false;
      },
      true,
    );
  }
}
