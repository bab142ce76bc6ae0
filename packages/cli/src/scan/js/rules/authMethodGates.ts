// infra-error-as-auth through a class of another module: `const r = await this.auth.check(t); if (!r.valid)
// return 401` where `auth` is an imported class (a field, a parameter typed by it, or an imported instance,
// `export const authService = new AuthService()`), and that class's method answers "not verified" for any
// failure of a remote verifier. The caller's half is a gate ref carrying the method; the class's half is
// its catch, reported on condition that some gate names `Class#method` (importedRemotes.ts authGated).
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { instanceClass, memberCall, methodOf } from '../memberClass.js';
import { falsyFailure } from './authAcrossModules.js';
import { singletonCall } from './authAwaitedImports.js';
import { gateAnswer } from './authGateAnswer.js';

/** A gate on a method of another module's class or instance: the import, and the method. */
export type MethodGateRef = ImportRef & { readonly method: string };

/** `x.check(t)` on an imported class's instance or an imported instance, answered 401/403 when "no". */
export function methodGateRefs(ctx: ModuleContext): MethodGateRef[] {
  const refs: MethodGateRef[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (unwrap(call.callee)?.type !== 'MemberExpression') continue;
    const member = memberCall(ctx, call);
    const ref =
      member?.owner.kind === 'import' && isProjectSource(member.owner.source)
        ? { from: ctx.file, source: member.owner.source, name: member.owner.name, method: member.method }
        : singletonCall(ctx, call);
    if (ref !== undefined && gateAnswer(ctx, call) !== undefined) refs.push(ref);
  }
  return refs;
}

/**
 * The catches of exported classes' methods (or of an exported instance's class) that answer "not
 * verified" for a remote failure, each with the `Export#method` names a gate may ask for.
 */
export function methodVerdictCatches(ctx: ModuleContext): Map<Node, Verdict> {
  const out = new Map<Node, Verdict>();
  for (const [name, value] of ctx.exports) {
    const v = unwrap(value);
    if (v === undefined || isFunction(v)) continue;
    const binding = v.type === 'Identifier' ? ctx.resolve(v.name as string, v) : undefined;
    const declared = binding?.kind === 'class' ? binding.declaration : v;
    const cls =
      declared.type === 'ClassDeclaration' || declared.type === 'ClassExpression'
        ? declared
        : instanceClass(ctx, v);
    if (cls === undefined) continue;
    for (const el of (cls.body as Node).body as Node[]) {
      const method = el.type === 'MethodDefinition' && el.kind === 'method' ? el.key?.name : undefined;
      const fn = typeof method === 'string' ? methodOf(cls, method) : undefined;
      const found = fn === undefined ? undefined : falsyFailure(ctx, fn);
      if (found === undefined) continue;
      const entry = out.get(found.handler) ?? verdictOf(found);
      entry.names.push(`${name}#${method}`);
      // `class JwtAuthoriser implements Authoriser`: callers typed by the module's exported interface.
      for (const face of implemented(ctx, cls)) entry.names.push(`${face}#${method}`);
      out.set(found.handler, entry);
    }
  }
  return out;
}

/** A catch answering "not verified": the export names that reach it, and the remote failure it hides. */
type Verdict = { names: string[]; remote: string; through?: (ImportRef & { method?: string })[] };

function verdictOf(found: NonNullable<ReturnType<typeof falsyFailure>>): Verdict {
  return {
    names: [],
    remote: found.remote,
    ...(found.through !== undefined ? { through: found.through } : {}),
  };
}

/** The interfaces a class implements that this module exports (`export interface Authoriser`). */
function implemented(ctx: ModuleContext, cls: Node): string[] {
  const faces: string[] = [];
  for (const h of (cls.implements as Node[] | undefined) ?? []) {
    const name = unwrap(h.expression as Node | undefined)?.name as string | undefined;
    if (name !== undefined && exportsInterface(ctx, name)) faces.push(name);
  }
  return faces;
}

/** Does the module export an interface of that name? */
function exportsInterface(ctx: ModuleContext, name: string): boolean {
  return (ctx.program.body as Node[]).some(
    (st) =>
      st.type === 'ExportNamedDeclaration' &&
      st.declaration?.type === 'TSInterfaceDeclaration' &&
      st.declaration.id?.name === name,
  );
}

const verdictsByModule = new WeakMap<ModuleContext, Map<Node, Verdict>>();

/**
 * The catches of exported functions (and exported classes' methods, `Class#method`) that answer "not
 * verified" for a remote failure, with the export names a gate in another module may ask for.
 */
export function exportedVerdicts(ctx: ModuleContext): Map<Node, Verdict> {
  const known = verdictsByModule.get(ctx);
  if (known !== undefined) return known;
  const byCatch = new Map<Node, Verdict>();
  verdictsByModule.set(ctx, byCatch);
  if (ctx.exports.size === 0 || !ctx.spells('catch')) return byCatch;
  for (const [name, value] of ctx.exports) {
    const fn = unwrap(value);
    if (fn === undefined || !isFunction(fn)) continue;
    const found = falsyFailure(ctx, fn);
    if (found === undefined) continue;
    const entry = byCatch.get(found.handler) ?? verdictOf(found);
    entry.names.push(name);
    byCatch.set(found.handler, entry);
  }
  for (const [handler, entry] of methodVerdictCatches(ctx)) {
    const same = byCatch.get(handler);
    if (same === undefined) byCatch.set(handler, entry);
    else same.names.push(...entry.names);
  }
  return byCatch;
}
