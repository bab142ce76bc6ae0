// The caller's half of a "not verified" gate: the 401/403/Deny answered when a verification helper's
// result is falsy, whether written as an `if` or as a choice of the answer (`claims ? 'Allow' : 'Deny'`).
import { type Node, stringValue, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { nodesWithin } from '../nodesWithin.js';
import { answerAfter, answersAuthFailure, isAuthStatus } from './authAnswers.js';
import { userOf, VERDICT_FIELD } from './authFacts.js';
import { deniedStatusCase } from './authStatusVerdict.js';

/**
 * The 401/403 answer given when this call's result is falsy: `if (!(await verify(t))) return 401`, or
 * `const ok = await verify(t); ... if (!ok) return 403` in the same function.
 */
export function gateAnswer(ctx: ModuleContext, call: Node): Node | undefined {
  let { node, parent } = userOf(ctx, call);
  // `if (await client.isTokenValid(t) !== true)`: holds for every answer but `true`, so it is the "no" a `!`
  // would be whatever the helper's catch returns. `=== false`/`== false` are not read as "no": they miss a
  // catch answering null or an object, and the catch's answer is not compared here (round 45 review, item 1).
  if (parent !== undefined && comparedToNo(parent, node)) ({ node, parent } = userOf(ctx, parent));
  if (parent?.type === 'IfStatement' && parent.test === node)
    return answersAuthFailure(parent.consequent, ctx) ?? answersAuthFailure(parent.alternate, ctx);
  if (parent?.type !== 'VariableDeclarator') return undefined;
  if (parent.id?.type === 'ObjectPattern') return destructuredGate(ctx, parent);
  if (parent.id?.type !== 'Identifier') return undefined;
  const name = parent.id.name as string;
  const fn = ctx.enclosingFunction(parent);
  let answer: Node | undefined;
  const body = fn?.body as Node | undefined;
  for (const m of body === undefined || body === null ? [] : nodesWithin(body, 'IfStatement')) {
    if (answer !== undefined) break;
    if (m.start < parent.end) continue;
    const test = unwrap(m.test);
    const arg = test?.type === 'UnaryExpression' && test.operator === '!' ? unwrap(test.argument) : undefined;
    if (
      (arg?.type === 'Identifier' && arg.name === name) ||
      verdictOf(arg, name) ||
      deniedVerdict(test, name)
    )
      answer = answersAuthFailure(m.consequent, ctx);
  }
  return answer ?? chosenDeny(ctx, fn, parent, name) ?? deniedStatusCase(ctx, fn, parent, name);
}

/**
 * `const { isValid, payload } = await verifyJWT(t); if (!isValid || !payload) return unauthorized()`: a
 * name the result binds, negated alone or in an `||` (which holds whenever that name is falsy).
 */
function destructuredGate(ctx: ModuleContext, declarator: Node): Node | undefined {
  const names = new Set<string>();
  for (const p of (declarator.id as Node).properties as Node[]) {
    const value = p.type === 'Property' ? unwrap(p.value) : undefined;
    const local = value?.type === 'AssignmentPattern' ? unwrap(value.left) : value;
    if (local?.type === 'Identifier') names.add(local.name as string);
  }
  const body = ctx.enclosingFunction(declarator)?.body as Node | undefined;
  for (const m of body == null ? [] : nodesWithin(body, 'IfStatement')) {
    if (m.start < declarator.end || !negatesOne(m.test, names)) continue;
    const answer = answersAuthFailure(m.consequent, ctx);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

/** `!name`, or an `||` with `!name` among its operands, for one of `names`. */
function negatesOne(test: Node | undefined, names: ReadonlySet<string>): boolean {
  const t = unwrap(test);
  if (t?.type === 'LogicalExpression' && t.operator === '||')
    return negatesOne(t.left, names) || negatesOne(t.right, names);
  const arg = t?.type === 'UnaryExpression' && t.operator === '!' ? unwrap(t.argument) : undefined;
  return arg?.type === 'Identifier' && names.has(arg.name as string);
}

/** A branch of a choice that is the failure answer itself: `'Deny'`, `401`, or code answering 401/403. */
function failureBranch(ctx: ModuleContext, branch: Node | undefined): Node | undefined {
  const b = unwrap(branch);
  if (b === undefined) return undefined;
  if (stringValue(b) === 'Deny' || isAuthStatus(b, ctx)) return b;
  return answersAuthFailure(wrap(b), ctx);
}

/**
 * `const effect = claims ? 'Allow' : 'Deny'` after `const claims = await verify(t)`: an authorizer that
 * picks its answer with a choice on the result rather than an `if`.
 */
function chosenDeny(
  ctx: ModuleContext,
  fn: Node | undefined,
  declarator: Node,
  name: string,
): Node | undefined {
  return answerAfter(fn, declarator, 'ConditionalExpression', (m) => {
    const test = unwrap(m.test);
    const negated = test?.type === 'UnaryExpression' && test.operator === '!';
    const tested = negated ? unwrap(test?.argument) : test;
    if (!((tested?.type === 'Identifier' && tested.name === name) || verdictOf(tested, name)))
      return undefined;
    return failureBranch(ctx, negated ? m.consequent : m.alternate);
  });
}

/** `result.success`, `result.valid`: the verdict field of the result named `name`. */
function verdictOf(node: Node | undefined, name: string): boolean {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || n.computed === true) return false;
  const object = unwrap(n.object);
  return object?.type === 'Identifier' && object.name === name && VERDICT_FIELD.test(n.property?.name ?? '');
}

/** `x !== true` or `x != true` (either side): a test that holds for any "no" `x`, false, null or an object. */
function comparedToNo(test: Node, operand: Node): boolean {
  if (test.type !== 'BinaryExpression') return false;
  const other = test.left === operand ? test.right : test.right === operand ? test.left : undefined;
  const literal = unwrap(other);
  if (literal?.type !== 'Literal') return false;
  return (test.operator === '!==' || test.operator === '!=') && literal.value === true;
}

/** `result.success === false`, `result.valid !== true`: the verdict read as "no". */
function deniedVerdict(test: Node | undefined, name: string): boolean {
  if (test?.type !== 'BinaryExpression') return false;
  const literal = unwrap(test.right);
  if (!verdictOf(test.left, name) || literal?.type !== 'Literal') return false;
  return (
    ((test.operator === '===' || test.operator === '==') && literal.value === false) ||
    ((test.operator === '!==' || test.operator === '!=') && literal.value === true)
  );
}
