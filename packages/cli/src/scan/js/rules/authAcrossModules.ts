// infra-error-as-auth through a "not verified" value: a verification or lookup helper answers null/false
// for any failure of a remote system (its catch returns falsy, or logs and falls through to `return null`),
// helpers may pass that falsy result on, and a caller answers 401/403 when the result is falsy. Reported at
// the catch (the line that decides every failure means "no"): at once when the caller is in the same
// module, else on condition that some module's caller answers 401/403 on an export leading to it
// (`authGated`, settled by the project pass: js/authGates.ts records the callers).
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import type { ImportRef, VerifierFact } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { memberCall, methodOf } from '../memberClass.js';
import { SourceWords } from '../SourceWords.js';
import { importRefOf } from '../sdkOptions.js';
import { someBelow } from '../subtreeIndex.js';
import { lastTextMemo } from '../textMemo.js';
import { isFalsyValue, userOf } from './authFacts.js';
import { type FalsyCatch, hasFalsyCatch, ownCatch } from './authFalsyCatch.js';
import { gateAnswer } from './authGateAnswer.js';
import { exportedVerdicts, methodGateRefs } from './authMethodGates.js';
import type { Report, Rule } from './Report.js';

const passedCache = new WeakMap<Node, Node[]>();

/**
 * The calls whose falsy result `fn` passes on: `return verify(t)`, `return await verify(t)`,
 * `if (!(await verify(t))) return false`, or `const claims = await verify(t); if (!claims) return false`.
 */
function passedOn(ctx: ModuleContext, fn: Node): Node[] {
  // Asked by falsyFailure and again by verifierFact for every exported function: walked once.
  const hit = passedCache.get(fn);
  if (hit !== undefined) return hit;
  const calls: Node[] = [];
  passedCache.set(fn, calls);
  // Names this function checks with `if (!name) return <falsy>`: gathered once, on first need.
  let checked: Set<string> | undefined;
  const isChecked = (name: string): boolean => {
    if (checked === undefined) {
      const names = new Set<string>();
      someBelow(
        fn.body as Node,
        ['IfStatement'],
        (m) => {
          const test = unwrap(m.test);
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
  someBelow(
    fn.body as Node,
    ['CallExpression'],
    (n) => {
      const { node, parent } = userOf(ctx, n);
      if (parent?.type === 'ReturnStatement' || (parent === fn && fn.expression === true)) calls.push(n);
      else if (parent?.type === 'IfStatement' && parent.test === node) {
        if (returnsFalsy(parent.consequent)) calls.push(n);
      } else if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier') {
        if (isChecked(parent.id.name as string)) calls.push(n);
      }
      return false;
    },
    true,
  );
  return calls;
}

function returnsFalsy(branch: Node | null | undefined): boolean {
  const b = unwrap(branch);
  if (b === undefined) return false;
  if (b.type === 'ReturnStatement') return isFalsyValue(b.argument);
  if (b.type === 'BlockStatement')
    return (b.body as Node[]).some((s) => s.type === 'ReturnStatement' && isFalsyValue(s.argument));
  return false;
}

const failureCache = new WeakMap<Node, FalsyCatch | undefined>();

/** The catch in `fn`, or in a function of this module whose falsy result `fn` passes on, that answers "no". */
export function falsyFailure(ctx: ModuleContext, fn: Node, depth = 0): FalsyCatch | undefined {
  // Asked for each export by the module's facts and by the rule: answered once per function.
  if (depth === 0) {
    if (failureCache.has(fn)) return failureCache.get(fn);
    const found = falsyFailure(ctx, fn, 1);
    failureCache.set(fn, found);
    return found;
  }
  if (!ctx.spells('catch')) return undefined;
  const own = ownCatch(ctx, fn);
  if (own !== undefined || depth > 3) return own;
  // Passing a falsy result on leads only to a function of this module with such a catch of its own.
  if (!hasFalsyCatch(ctx)) return undefined;
  for (const call of passedOn(ctx, fn)) {
    const local = unwrap(call.callee)?.type === 'Identifier' ? ctx.functionOf(call.callee) : undefined;
    const found = local !== undefined && local !== fn ? falsyFailure(ctx, local, depth + 1) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What an exported function answers when verification fails: falsy for any failure of a remote system it
 * calls itself or through functions of its module (`remote`), or the falsy result of an imported function
 * it passes on (`via`).
 * @example
 * // export async function verifyToken(t) { try { return await verifier.verify(t); } catch { return null; } }
 * verifierFact(ctx, fn); // { remote: 'the JWKS endpoint' }
 */
export function verifierFact(ctx: ModuleContext, fn: Node): VerifierFact | undefined {
  if (!isFunction(fn)) return undefined;
  const local = falsyFailure(ctx, fn);
  if (local !== undefined && local.through === undefined) return { remote: local.remote };
  for (const call of passedOn(ctx, fn)) {
    const via = importRefOf(ctx, call.callee as Node);
    if (via !== undefined) return { via };
  }
  return undefined;
}

/** The project imports whose falsy result this module answers 401/403 on (the callers' half of a gate). */
export function authGates(ctx: ModuleContext): (ImportRef & { method?: string })[] {
  const refs: (ImportRef & { method?: string })[] = [];
  // A parameter typed by a project class comes through a type-only import, which projectImports leaves out.
  if ((ctx.projectImports.size === 0 && !ctx.spells('type')) || !authText(ctx.source)) return refs;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const root = callee?.type === 'MemberExpression' ? unwrap(callee.object) : callee;
    if (root?.type !== 'Identifier' || !ctx.projectImports.has(root.name as string)) continue;
    const ref = importRefOf(ctx, call.callee as Node);
    if (ref !== undefined && gateAnswer(ctx, call) !== undefined) refs.push(ref);
  }
  refs.push(...methodGateRefs(ctx));
  return refs;
}

/**
 * How an answer of 401/403 is written (authAnswers.ts), for a cheap look before any walk: one native
 * search per word (an alternation of plain words in one expression scanned several times slower).
 */
const AUTH_WORDS = [
  '401',
  '403',
  'Deny',
  'DENY',
  'nauthori',
  'NAUTHORI',
  'orbidden',
  'ORBIDDEN',
  'isAuthorized',
  'nauthenticated',
];
/** Whether a text spells one of the words of a 401/403 answer; asked by several rules of one module in a row. */
export const authText = lastTextMemo((source) => {
  const words = SourceWords.of(source);
  return AUTH_WORDS.some((w) => words.includes(w));
});

/** The catches this module's gates reach in this module, with what the gate is called. */
function localGates(ctx: ModuleContext): Map<Node, { helper: string; remote: string }> {
  const out = new Map<Node, { helper: string; remote: string }>();
  if (!authText(ctx.source) || !ctx.spells('catch')) return out;
  const failures = new Map<Node, FalsyCatch | undefined>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const fn = callee?.type === 'Identifier' ? ctx.functionOf(callee) : localMethod(ctx, call);
    if (fn === undefined) continue;
    if (!failures.has(fn)) failures.set(fn, falsyFailure(ctx, fn));
    const found = failures.get(fn);
    // One remote only through another module is left to the exported verdicts below (its own condition).
    if (found === undefined || found.through !== undefined || gateAnswer(ctx, call) === undefined) continue;
    if (!out.has(found.handler))
      out.set(found.handler, { helper: calleeName(call) ?? 'the helper', remote: found.remote });
  }
  return out;
}

/**
 * `await this.auth.verify(t)` or `await authService.verify(t)` on an instance of a class of this module:
 * that class's method, judged as a function of the module is.
 */
function localMethod(ctx: ModuleContext, call: Node): Node | undefined {
  if (unwrap(call.callee)?.type !== 'MemberExpression') return undefined;
  const member = memberCall(ctx, call);
  return member?.owner.kind === 'local' ? methodOf(member.owner.cls, member.method) : undefined;
}

const gatesByModule = new WeakMap<ModuleContext, Map<Node, { helper: string; remote: string }>>();

/** Is this catch one a gate in its own module reaches (owned by infra-error-as-auth, not swallowed-error)? */
export function gatedCatch(ctx: ModuleContext, handler: Node): boolean {
  let gates = gatesByModule.get(ctx);
  if (gates === undefined) {
    gates = localGates(ctx);
    gatesByModule.set(ctx, gates);
  }
  return gates.has(handler);
}

export const authAcrossModulesRules: Rule = (ctx: ModuleContext, report: Report) => {
  let gates = gatesByModule.get(ctx);
  if (gates === undefined) {
    gates = localGates(ctx);
    gatesByModule.set(ctx, gates);
  }
  for (const [handler, { helper, remote }] of gates)
    report(
      'infra-error-as-auth',
      handler,
      `${helper}() turns any failure of ${remote} into "not verified", and the caller answers 401/403, so an outage logs every user out`,
    );
  // Exported helpers and classes' methods: reported when a caller in another module answers 401/403 on them.
  const byCatch = exportedVerdicts(ctx);
  for (const [handler, { names, remote, through }] of byCatch)
    report(
      'infra-error-as-auth',
      handler,
      `${names[0]?.replace('#', '.')}() answers "not verified" for any failure of ${remote}, and a caller answers 401/403 on it: an outage logs every user out`,
      { onlyIfAuthGated: names, ...(through !== undefined ? { onlyIfImportRemote: through } : {}) },
    );
};
