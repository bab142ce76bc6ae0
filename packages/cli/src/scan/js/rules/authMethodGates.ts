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
export function methodVerdictCatches(ctx: ModuleContext): Map<Node, { names: string[]; remote: string }> {
  const out = new Map<Node, { names: string[]; remote: string }>();
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
      const entry = out.get(found.handler) ?? { names: [], remote: found.remote };
      entry.names.push(`${name}#${method}`);
      out.set(found.handler, entry);
    }
  }
  return out;
}

const verdictsByModule = new WeakMap<ModuleContext, Map<Node, { names: string[]; remote: string }>>();

/**
 * The catches of exported functions (and exported classes' methods, `Class#method`) that answer "not
 * verified" for a remote failure, with the export names a gate in another module may ask for.
 */
export function exportedVerdicts(ctx: ModuleContext): Map<Node, { names: string[]; remote: string }> {
  const known = verdictsByModule.get(ctx);
  if (known !== undefined) return known;
  const byCatch = new Map<Node, { names: string[]; remote: string }>();
  verdictsByModule.set(ctx, byCatch);
  if (ctx.exports.size === 0 || !ctx.source.includes('catch')) return byCatch;
  for (const [name, value] of ctx.exports) {
    const fn = unwrap(value);
    if (fn === undefined || !isFunction(fn)) continue;
    const found = falsyFailure(ctx, fn);
    if (found === undefined) continue;
    const entry = byCatch.get(found.handler) ?? { names: [], remote: found.remote };
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
