// infra-error-as-auth written without a try: await-to-js's `const [err, value] = await to(promise)` (and the
// project helpers that copy it) turns a rejection into the first element of a tuple, and `if (err) throw
// Error('Unauthorized')` is then the catch-all. When the promise is a secret read, a JWKS fetch or a
// verifier's call, its outage is answered 401 like a bad token.
import { type Node, someDescendant, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkClass, memberCall } from '../memberClass.js';
import { importRefOf } from '../sdkOptions.js';
import { answersAuthFailure } from './authAnswers.js';
import { singletonCall } from './authAwaitedImports.js';
import { callsRemote } from './authRemote.js';
import type { Report } from './Report.js';

/** What the tuple's first element is called: `err`, `error`, `getSecretError`, `verifyErr`. */
const ERROR_NAME = /^(e|err|error|\w+(Err|Error))$/;

/** `err`, `err != null`, `err !== undefined`, `!!err`: the test that a rejection happened, not which. */
function testsPresence(test: Node | undefined, name: string): boolean {
  const t = unwrap(test);
  if (t?.type === 'Identifier') return t.name === name;
  if (t?.type === 'UnaryExpression' && t.operator === '!') {
    const inner = unwrap(t.argument);
    return inner?.type === 'UnaryExpression' && inner.operator === '!' && testsPresence(inner.argument, name);
  }
  if (t?.type === 'BinaryExpression' && (t.operator === '!=' || t.operator === '!==')) {
    const [a, b] = [unwrap(t.left), unwrap(t.right)];
    const empty = (n: Node | undefined) =>
      (n?.type === 'Literal' && n.value === null) || (n?.type === 'Identifier' && n.name === 'undefined');
    return (
      (a?.type === 'Identifier' && a.name === name && empty(b)) ||
      (b?.type === 'Identifier' && b.name === name && empty(a))
    );
  }
  return false;
}

/** The `[err, value]` pattern an awaited call's result is taken apart into, and the error's name. */
function tupleError(ctx: ModuleContext, awaited: Node): { name: string; after: Node } | undefined {
  const parent = ctx.parentOf(awaited);
  const pattern =
    parent?.type === 'VariableDeclarator' && parent.init === awaited
      ? parent.id
      : parent?.type === 'AssignmentExpression' && parent.right === awaited
        ? parent.left
        : undefined;
  const first = pattern?.type === 'ArrayPattern' ? unwrap((pattern.elements as Node[])[0]) : undefined;
  if (first?.type !== 'Identifier' || !ERROR_NAME.test(first.name as string) || parent === undefined)
    return undefined;
  return { name: first.name as string, after: parent };
}

/** Does the wrapped promise reach a remote system? A name of its own, or an import judged in its module. */
function wrappedRemote(
  ctx: ModuleContext,
  inner: Node,
): { remote?: string; refs?: ReturnType<typeof importRefOf>[] } {
  const direct = callsRemote(ctx, wrap(inner));
  if (direct !== undefined) return { remote: direct };
  // Handed to `to()` rather than awaited: the checks callsRemote keeps for awaited calls, made here.
  const member = memberCall(ctx, inner);
  if (member !== undefined && isSdkClass(member.owner)) return { remote: `${member.method} (AWS)` };
  const local = unwrap(inner.callee)?.type === 'Identifier' ? ctx.functionOf(inner.callee) : undefined;
  if (local !== undefined) {
    const remote = callsRemote(ctx, wrap(local.body as Node));
    return remote === undefined ? {} : { remote };
  }
  const ref = importRefOf(ctx, inner.callee as Node) ?? singletonCall(ctx, inner);
  return ref === undefined ? {} : { refs: [ref] };
}

/**
 * @example
 * errorTupleRules(ctx, report) // const [e, secret] = await to(secrets.get(name)); if (e) throw Error('Unauthorized') -> at the if
 */
export function errorTupleRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('] = await')) return;
  for (const call of ctx.of('CallExpression')) {
    const awaited = ctx.parentOf(call);
    if (awaited?.type !== 'AwaitExpression') continue;
    const inner = unwrap((call.arguments as Node[])[0]);
    if (inner?.type !== 'CallExpression') continue;
    const tuple = tupleError(ctx, awaited);
    if (tuple === undefined) continue;
    const fn = ctx.enclosingFunction(call);
    let gate: Node | undefined;
    someDescendant(
      fn?.body as Node | undefined,
      (n) => {
        if (gate !== undefined || n.type !== 'IfStatement' || n.start < tuple.after.end) return false;
        if (!testsPresence(n.test as Node, tuple.name)) return false;
        // One whose branch then looks at which error it was (`if (err instanceof JwtExpiredError)`) is not.
        const looks = someDescendant(
          n.consequent as Node,
          (m) => m.type === 'IfStatement' || m.type === 'ConditionalExpression',
        );
        if (!looks && answersAuthFailure(n.consequent as Node, ctx) !== undefined) gate = n;
        return gate !== undefined;
      },
      true,
    );
    if (gate === undefined) continue;
    const { remote, refs } = wrappedRemote(ctx, inner);
    if (remote !== undefined)
      report(
        'infra-error-as-auth',
        gate,
        `any failure of ${remote} is answered as 401/403, so an outage logs every user out`,
      );
    else if (refs !== undefined)
      report(
        'infra-error-as-auth',
        gate,
        'any failure of {remote} is answered as 401/403/Deny, so an outage logs every user out',
        { onlyIfImportRemote: refs.filter((r) => r !== undefined) },
      );
  }
}
