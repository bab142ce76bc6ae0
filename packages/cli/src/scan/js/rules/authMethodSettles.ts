// What a class method's promise settles with, for infra-error-as-auth across classes: the project methods
// it awaits, and those whose promise it hands back unawaited (`return this.store.read(name)`), followed
// through the class's own methods (`return this.matchesKey(k)`). A data layer that returns its client's
// promise fails as that client fails, though it awaits nothing itself.
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { memberCall, methodOf, ownMethod } from '../memberClass.js';
import { importRefOf } from '../sdkOptions.js';
import { awaitedImports, singletonCall } from './authAwaitedImports.js';
import { callsRemote } from './authFacts.js';
import { forSettlingCalls } from './settlingCalls.js';

type Ref = ImportRef & { method?: string };

/** A method's remote work found in its own class, or the project imports the project pass follows. */
export type MethodSettles = { readonly remote?: string; readonly refs: readonly Ref[] };

/** The project function or method a call reaches: another module's class, an imported instance or function. */
function projectRef(ctx: ModuleContext, call: Node): Ref | undefined {
  const member = memberCall(ctx, call);
  if (member?.owner.kind === 'import' && isProjectSource(member.owner.source))
    return { from: ctx.file, source: member.owner.source, name: member.owner.name, method: member.method };
  const ref = singletonCall(ctx, call) ?? importRefOf(ctx, call.callee as Node);
  return ref !== undefined && isProjectSource(ref.source) ? ref : undefined;
}

/** How many methods deep a settle is followed (own methods and this module's other classes). */
const MAX_DEPTH = 4;

/** `x.then(...)`, `x.finally(...)` peeled to `x`: the promise settles as x does (a `.catch` changes that). */
function peeled(call: Node): Node {
  let c = call;
  for (let i = 0; i < 8 && /^(then|finally)$/.test(calleeName(c) ?? ''); i++) {
    const callee = unwrap(c.callee);
    const inner = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (inner?.type !== 'CallExpression') break;
    c = inner;
  }
  return c;
}

/** The method of another class of this module a call reaches (`this.store.read(k)`, Store declared here). */
function localMethod(ctx: ModuleContext, call: Node): { cls: Node; fn: Node } | undefined {
  const member = memberCall(ctx, call);
  if (member?.owner.kind !== 'local') return undefined;
  const fn = methodOf(member.owner.cls, member.method);
  return fn === undefined ? undefined : { cls: member.owner.cls, fn };
}

/**
 * What `fn`, a method of `cls`, settles with: a remote call of its own (or of an own method, or a method of
 * another class of this module, it awaits or hands back), else the project imports it awaits or hands back.
 */
export function methodSettles(ctx: ModuleContext, cls: Node, fn: Node): MethodSettles {
  // A method's answer from the top depends only on its own tree (each parse has its own nodes): kept.
  let settles = settled.get(fn);
  if (settles === undefined) {
    settles = settlesFrom(ctx, cls, fn, new Set(), 0);
    settled.set(fn, settles);
  }
  return settles;
}

const settled = new WeakMap<Node, MethodSettles>();

function settlesFrom(ctx: ModuleContext, cls: Node, fn: Node, seen: Set<Node>, depth: number): MethodSettles {
  if (seen.has(fn) || depth > MAX_DEPTH || !isFunction(fn)) return { refs: [] };
  seen.add(fn);
  const body = fn.body as Node;
  const remote = callsRemote(ctx, body);
  if (remote !== undefined) return { remote, refs: [] };
  const refs: Ref[] = [...awaitedImports(ctx, body)];
  let found: string | undefined;
  const settle = (call: Node, handedBack: boolean): void => {
    const own = ownMethod(ctx, call);
    const local = own === undefined ? localMethod(ctx, call) : { cls, fn: own };
    if (local !== undefined) {
      const inner = settlesFrom(ctx, local.cls, local.fn, seen, depth + 1);
      found ??= inner.remote;
      refs.push(...inner.refs);
      return;
    }
    // An awaited import is already among awaitedImports' refs; a handed-back one is added here.
    const ref = handedBack ? projectRef(ctx, call) : undefined;
    if (ref !== undefined) refs.push(ref);
  };
  forSettlingCalls(
    body,
    (call, handedBack) => settle(peeled(call), handedBack),
    (call) => {
      if (ownMethod(ctx, call) !== undefined) settle(call, false);
    },
  );
  return found !== undefined ? { remote: found, refs: [] } : { refs };
}
