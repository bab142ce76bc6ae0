// infra-error-as-auth for password checks against a remote system (an Auth0 custom database script, a
// login against a library or HR system): `if (result.status !== Success) throw new
// WrongUsernameOrPasswordError(...)` answers every failure of the check, a timeout or a 5xx included, as
// "wrong password". During an outage of that system every user is told their password is wrong.
import { calleeName, isFunction, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** Calls that check a user's credentials against another system. */
const CHECK =
  /^(validate|verify|check)(User)?(Credentials|Password|Login)$|^(authenticate|login|signIn)(User)?$/i;
/** Errors that tell the user their credentials are wrong. */
const WRONG_CREDENTIALS =
  /^(WrongUsernameOrPassword|InvalidCredentials|InvalidPassword|WrongPassword|BadCredentials)\w*$/;
const WORDS = /validate|verify|check|authenticate|login|signIn/i;
const WORD_LIST = ['validate', 'verify', 'check', 'authenticate', 'login', 'signin'];

/** `const result = await client.validateCredentials(...)`: the name of the check, when it is one. */
function checkResult(ctx: ModuleContext, name: Node | undefined): string | undefined {
  if (name?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(name.name as string, name);
  const init = unwrap(binding?.init);
  const call = init?.type === 'AwaitExpression' ? unwrap(init.argument) : undefined;
  if (call?.type !== 'CallExpression') return undefined;
  const called = calleeName(call);
  return called !== undefined && CHECK.test(called) ? called : undefined;
}

/**
 * The test says only "not a success" (`r.status !== Status.Success`, `r.status !== 200`, `!r.ok`): every
 * failure takes the branch. A test for the rejection itself (`r.status === 401`) does not.
 */
function notSuccess(ctx: ModuleContext, test: Node): string | undefined {
  const t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') {
    const member = unwrap(t.argument);
    if (member?.type !== 'MemberExpression' || propertyName(member.property, member.computed) !== 'ok')
      return undefined;
    return checkResult(ctx, unwrap(member.object));
  }
  if (t?.type !== 'BinaryExpression' || (t.operator !== '!==' && t.operator !== '!=')) return undefined;
  const left = unwrap(t.left);
  if (left?.type !== 'MemberExpression') return undefined;
  if (!/^(status|statusCode)$/.test(propertyName(left.property, left.computed) ?? '')) return undefined;
  const right = unwrap(t.right);
  const success =
    (right?.type === 'Literal' && right.value === 200) ||
    /success|ok$/i.test(memberPath(right)?.at(-1) ?? (right?.type === 'Literal' ? String(right.value) : ''));
  return success ? checkResult(ctx, unwrap(left.object)) : undefined;
}

/** The `if` whose consequent holds `node`, within its function. */
function branchOf(ctx: ModuleContext, node: Node): Node | undefined {
  for (
    let child = node, p = ctx.parentOf(node);
    p !== undefined && !isFunction(p);
    child = p, p = ctx.parentOf(p)
  )
    if (p.type === 'IfStatement' && p.consequent === child) return p;
  return undefined;
}

export function credentialCheckRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.testSpelled(WORDS, WORD_LIST)) return;
  for (const error of ctx.of('NewExpression')) {
    if (!WRONG_CREDENTIALS.test((unwrap(error.callee)?.name as string) ?? '')) continue;
    const branch = branchOf(ctx, error);
    const check = branch !== undefined ? notSuccess(ctx, branch.test as Node) : undefined;
    if (branch === undefined || check === undefined) continue;
    report(
      'infra-error-as-auth',
      branch,
      `any failure of ${check}() (a timeout, a 5xx) is answered as wrong credentials: during an outage every user is told their password is wrong`,
    );
  }
}
