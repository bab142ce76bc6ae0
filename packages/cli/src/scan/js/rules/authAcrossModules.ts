// infra-error-as-auth across modules: a verification helper returns null on any failure of a remote
// verifier (module A), a second helper turns that into `false` (module B), and a third module answers
// 401/403 when the result is falsy (module C). Each module says what it can see; the project pass
// follows the imports from C's answer back to A's catch.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ImportRef, VerifierFact } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { answersAuthFailure, callsRemote, discriminates, isFalsyValue, userOf } from './authFacts.js';
import { isLogCall } from './catchFacts.js';
import type { Report, Rule } from './Report.js';

const NOT_VERIFIED = (name: string) =>
  `${name}() answers "not verified" for any failure of {remote}, and this answers 401/403: an outage logs every user out`;

/** A catch of `fn` itself (not of a nested function) that answers a falsy value for any remote failure. */
function remoteFailureAsFalsy(ctx: ModuleContext, fn: Node): string | undefined {
  let remote: string | undefined;
  someDescendant(
    fn.body as Node,
    (n) => {
      if (remote !== undefined || n.type !== 'TryStatement' || n.handler == null) return false;
      const statements = n.handler.body.body as Node[];
      const returnsFalsy =
        statements.some((s) => s.type === 'ReturnStatement') &&
        statements.every((s) => isLogCall(s) || (s.type === 'ReturnStatement' && isFalsyValue(s.argument)));
      if (returnsFalsy && !discriminates(n.handler)) remote = callsRemote(ctx, n.block);
      return false;
    },
    true,
  );
  return remote;
}

/**
 * The imported function whose falsy result `fn` passes on: `return verify(t)`, `return await verify(t)`,
 * `if (!(await verify(t))) return false`, or `const claims = await verify(t); if (!claims) return false`.
 */
function falsyPassedOn(ctx: ModuleContext, fn: Node): ImportRef | undefined {
  let via: ImportRef | undefined;
  // Names this function checks with `if (!name) return <falsy>`: gathered once, on first need.
  let checked: Set<string> | undefined;
  const isChecked = (name: string): boolean => {
    if (checked === undefined) {
      const names = new Set<string>();
      someDescendant(
        fn.body as Node,
        (m) => {
          const test = m.type === 'IfStatement' ? unwrap(m.test) : undefined;
          const arg =
            test?.type === 'UnaryExpression' && test.operator === '!' ? unwrap(test.argument) : undefined;
          if (arg?.type === 'Identifier' && returnsFalsy(m.consequent)) names.add(arg.name as string);
          return false;
        },
        true,
      );
      checked = names;
    }
    return checked.has(name);
  };
  someDescendant(
    fn.body as Node,
    (n) => {
      if (via !== undefined || n.type !== 'CallExpression') return false;
      const ref = importRefOf(ctx, n.callee as Node);
      if (ref === undefined) return false;
      const { node, parent } = userOf(ctx, n);
      if (parent?.type === 'ReturnStatement' || (parent === fn && fn.expression === true)) via = ref;
      else if (parent?.type === 'IfStatement' && parent.test === node) {
        if (returnsFalsy(parent.consequent)) via = ref;
      } else if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier') {
        if (isChecked(parent.id.name as string)) via = ref;
      }
      return false;
    },
    true,
  );
  return via;
}

function returnsFalsy(branch: Node | null | undefined): boolean {
  const b = unwrap(branch);
  if (b === undefined) return false;
  if (b.type === 'ReturnStatement') return isFalsyValue(b.argument);
  if (b.type === 'BlockStatement')
    return (b.body as Node[]).some((s) => s.type === 'ReturnStatement' && isFalsyValue(s.argument));
  return false;
}

/**
 * What an exported function answers when verification fails: falsy for any failure of a remote verifier
 * it calls (`remote`), or the falsy result of an imported function it passes on (`via`).
 * @example
 * // export async function verifyToken(t) { try { return await verifier.verify(t); } catch { return null; } }
 * verifierFact(ctx, fn); // { remote: 'the JWKS endpoint' }
 */
export function verifierFact(ctx: ModuleContext, fn: Node): VerifierFact | undefined {
  if (!isFunction(fn)) return undefined;
  const remote = remoteFailureAsFalsy(ctx, fn);
  if (remote !== undefined) return { remote };
  const via = falsyPassedOn(ctx, fn);
  return via !== undefined ? { via } : undefined;
}

/**
 * The project functions a try block awaits (`await isAuthorized(...)` imported from a sibling package):
 * a catch answering 401/403/Deny around them is reported only if one awaits a remote verifier or secret.
 */
export function awaitedImports(ctx: ModuleContext, block: Node): ImportRef[] {
  const refs: ImportRef[] = [];
  someDescendant(
    block,
    (n) => {
      if (n.type !== 'AwaitExpression') return false;
      const call = unwrap(n.argument);
      if (call?.type !== 'CallExpression') return false;
      const ref = importRefOf(ctx, call.callee as Node);
      if (ref !== undefined) refs.push(ref);
      return false;
    },
    true,
  );
  return refs;
}

/** `if (!(await isAuthorized(event))) return { statusCode: 401 }` where isAuthorized is imported. */
export const authAcrossModulesRules: Rule = (ctx: ModuleContext, report: Report) => {
  for (const call of ctx.of('CallExpression')) {
    const ref = importRefOf(ctx, call.callee as Node);
    if (ref === undefined) continue;
    const { node, parent } = userOf(ctx, call);
    if (parent?.type !== 'IfStatement' || parent.test !== node) continue;
    const answer = answersAuthFailure(parent.consequent) ?? answersAuthFailure(parent.alternate);
    if (answer === undefined) continue;
    report('infra-error-as-auth', answer, NOT_VERIFIED(ref.name), { onlyIfImportVerifier: ref });
  }
};
