// infra-error-as-auth in Passport. Passport's contract tells the two failures apart: a strategy calls
// `done(err)` when something broke (a database down, a JWKS fetch failing) and `done(null, false)` when the
// credentials are wrong; `passport.authenticate(name, cb)` hands the callback `(err, user, info)` alike.
// Two ways code erases the difference, each answering 401 for an outage:
// - a custom callback that answers 401 when `err` is set (`if (err || !user) return reject(new
//   ApiError(401, ...))`), reported at that `if`;
// - a strategy's verify function whose catch around a lookup calls `done(null, false)`, reported at the catch.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure } from './authAnswers.js';
import { anyError } from './authCallbacks.js';
import { callsRemote, discriminates } from './authFacts.js';
import type { Report } from './Report.js';

/** The `(err, user, info)` callback handed to authenticate: inline, or built by a helper of the module. */
function authenticateCallback(ctx: ModuleContext, arg: Node | undefined): Node | undefined {
  const a = unwrap(arg);
  if (a === undefined) return undefined;
  if (isFunction(a)) return a;
  // `verifyCallback(req, resolve, reject)` returning `async (err, user, info) => { ... }`.
  if (a.type !== 'CallExpression') return undefined;
  const helper = ctx.functionOf(a.callee);
  let body = unwrap(helper?.body as Node | undefined);
  if (body?.type === 'BlockStatement') {
    const ret = (body.body as Node[]).find((s) => s.type === 'ReturnStatement');
    body = unwrap(ret?.argument as Node | undefined);
  }
  return body !== undefined && isFunction(body) ? body : undefined;
}

/**
 * `throw err || new UnauthorizedException()`, `next(err || new ApiError(401))`: the error is passed on
 * (a 500), and the 401 is only for a missing user.
 */
function passesErrorOn(ctx: ModuleContext, consequent: Node, param: string): boolean {
  return someDescendant(
    consequent,
    (n) => {
      const isParam = (m: Node | undefined) => unwrap(m)?.type === 'Identifier' && unwrap(m)?.name === param;
      const passed =
        isParam(n) ||
        (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??') && isParam(n.left));
      if (!passed) return false;
      const parent = ctx.parentOf(n);
      return parent?.type === 'ThrowStatement' || (parent?.type === 'CallExpression' && parent.callee !== n);
    },
    true,
  );
}

/** Reports the `if` in an `(err, user, info)` callback that answers 401/403 when `err` is set. */
function judgeCallback(ctx: ModuleContext, cb: Node, report: Report): void {
  const param = (cb.params as Node[] | undefined)?.[0];
  if (param?.type !== 'Identifier') return;
  const name = param.name as string;
  someDescendant(
    cb.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || !anyError(ctx, n.test as Node, name)) return false;
      const consequent = n.consequent as Node;
      if (answersAuthFailure(consequent, ctx) !== undefined && !passesErrorOn(ctx, consequent, name))
        report(
          'infra-error-as-auth',
          n,
          "Passport hands a strategy's failure (a lookup or key fetch that broke) to this callback as `err`, and it is answered 401/403 like wrong credentials: an outage logs every user out",
        );
      return false;
    },
    true,
  );
}

function customCallbacks(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'authenticate') continue;
    const callee = unwrap(call.callee);
    const receiver = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (receiver?.type !== 'Identifier' || !/passport/i.test(receiver.name as string)) continue;
    const cb = authenticateCallback(ctx, (call.arguments as Node[]).at(-1));
    if (cb !== undefined) judgeCallback(ctx, cb, report);
  }
  // NestJS: `class JwtGuard extends AuthGuard('jwt') { handleRequest(err, user, info) { ... } }` overrides
  // the default, which rethrows `err`.
  for (const base of ctx.of('CallExpression')) {
    if (calleeName(base) !== 'AuthGuard') continue;
    const cls = ctx.parentOf(base);
    if (cls?.superClass !== base) continue;
    for (const member of (cls.body as Node).body as Node[])
      if (member.type === 'MethodDefinition' && member.key?.name === 'handleRequest')
        judgeCallback(ctx, member.value as Node, report);
  }
}

/** `done(null, false)`, `cb(null, false, { message })`: Passport's "credentials rejected". */
function rejectsCredentials(body: Node): boolean {
  return someDescendant(
    body,
    (n) => {
      if (n.type !== 'CallExpression' || !/^(done|cb|callback|verified|next)$/.test(calleeName(n) ?? ''))
        return false;
      const [first, second] = (n.arguments as Node[]).map((a) => unwrap(a));
      const none = first?.type === 'Literal' && first.value === null;
      return none && second?.type === 'Literal' && second.value === false;
    },
    true,
  );
}

function strategyCatches(ctx: ModuleContext, report: Report): void {
  for (const handler of ctx.of('CatchClause')) {
    if (!rejectsCredentials(handler.body as Node) || discriminates(handler)) continue;
    const remote = callsRemote(ctx, (ctx.parentOf(handler) as Node).block as Node);
    if (remote !== undefined)
      report(
        'infra-error-as-auth',
        handler,
        `any failure of ${remote} is handed to Passport as rejected credentials (done(null, false)), so an outage is answered 401 to every user`,
      );
  }
}

export function passportRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('passport')) return;
  customCallbacks(ctx, report);
  strategyCatches(ctx, report);
}
