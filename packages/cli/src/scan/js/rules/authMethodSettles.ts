// What a class method's promise settles with, for infra-error-as-auth across classes: the project methods
// it awaits, and those whose promise it hands back unawaited (`return this.store.read(name)`), followed
// through the class's own methods (`return this.matchesKey(k)`). A data layer that returns its client's
// promise fails as that client fails, though it awaits nothing itself.
import { isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { memberCall, methodOf } from '../memberClass.js';
import { importRefOf } from '../sdkOptions.js';
import { awaitedImports, singletonCall } from './authAwaitedImports.js';
import { callsRemote } from './authFacts.js';

type Ref = ImportRef & { method?: string };

/** A method's remote work found in its own class, or the project imports the project pass follows. */
export type MethodSettles = { readonly remote?: string; readonly refs: readonly Ref[] };

/** `this.name(...)`: a call of the class's own method, its function when the class declares it. */
function ownMethod(cls: Node, call: Node): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression')
    return undefined;
  const name = propertyName(callee.property, callee.computed as boolean);
  return name === undefined ? undefined : methodOf(cls, name);
}

/** The project function or method a call reaches: another module's class, an imported instance or function. */
function projectRef(ctx: ModuleContext, call: Node): Ref | undefined {
  const member = memberCall(ctx, call);
  if (member?.owner.kind === 'import' && isProjectSource(member.owner.source))
    return { from: ctx.file, source: member.owner.source, name: member.owner.name, method: member.method };
  const ref = singletonCall(ctx, call) ?? importRefOf(ctx, call.callee as Node);
  return ref !== undefined && isProjectSource(ref.source) ? ref : undefined;
}

/**
 * What `fn`, a method of `cls`, settles with: a remote call of its own (or of an own method it awaits or
 * hands back), else the project imports it awaits or hands back.
 */
export function methodSettles(
  ctx: ModuleContext,
  cls: Node,
  fn: Node,
  seen = new Set<Node>(),
): MethodSettles {
  if (seen.has(fn) || seen.size > 4 || !isFunction(fn)) return { refs: [] };
  seen.add(fn);
  const body = fn.body as Node;
  const remote = callsRemote(ctx, body);
  if (remote !== undefined) return { remote, refs: [] };
  const refs: Ref[] = [...awaitedImports(ctx, body)];
  let found: string | undefined;
  const settle = (call: Node, handedBack: boolean): void => {
    const own = ownMethod(cls, call);
    if (own !== undefined) {
      const inner = methodSettles(ctx, cls, own, seen);
      found ??= inner.remote;
      refs.push(...inner.refs);
      return;
    }
    // An awaited import is already among awaitedImports' refs; a handed-back one is added here.
    const ref = handedBack ? projectRef(ctx, call) : undefined;
    if (ref !== undefined) refs.push(ref);
  };
  const handed = (n: Node | undefined): void => {
    const v = unwrap(n);
    const call = v?.type === 'AwaitExpression' ? unwrap(v.argument) : v;
    if (call?.type === 'CallExpression') settle(call, v?.type !== 'AwaitExpression');
  };
  if (body.type !== 'BlockStatement') handed(body);
  someDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement') handed(n.argument);
      else if (n.type === 'AwaitExpression') {
        const call = unwrap(n.argument);
        if (call?.type === 'CallExpression' && ownMethod(cls, call) !== undefined) settle(call, false);
      }
      return false;
    },
    true,
  );
  return found !== undefined ? { remote: found, refs: [] } : { refs };
}
