// The project code a try block awaits, for infra-error-as-auth's catch-all around it: imported functions
// (`await isAuthorized(...)` from a sibling package), methods of an imported singleton (`await
// jwtAdapter.verify(t)`) and of a field's imported class (`await this.jwtAdapter.verify(t)`). The
// project pass keeps the catch only if one of them awaits a remote verifier, key or secret itself.

import { isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { memberCall } from '../memberClass.js';
import { importRefOf } from '../sdkOptions.js';
import { someBelow } from '../subtreeIndex.js';
import { forSettlingCalls } from './settlingCalls.js';

/**
 * The project functions a try block awaits (`await isAuthorized(...)` imported from a sibling package):
 * a catch answering 401/403/Deny around them is reported only if one awaits a remote verifier or secret.
 */
export function awaitedImports(ctx: ModuleContext, block: Node): (ImportRef & { method?: string })[] {
  const refs: (ImportRef & { method?: string })[] = [];
  someBelow(
    block,
    ['AwaitExpression'],
    (n) => {
      const call = unwrap(n.argument);
      if (call?.type !== 'CallExpression') return false;
      const ref = importRefOf(ctx, call.callee as Node);
      if (ref !== undefined) refs.push(ref);
      // `await jwtAdapter.verify(t)` of an imported singleton (`export const jwtAdapter = new JwtAdapter()`).
      const singleton = singletonCall(ctx, call);
      if (singleton !== undefined) refs.push(singleton);
      // `await this.jwtAdapter.verify(t)`, the field's class imported from the project.
      const member = ref === undefined ? memberCall(ctx, call) : undefined;
      if (member?.owner.kind === 'import' && isProjectSource(member.owner.source))
        refs.push({
          from: ctx.file,
          source: member.owner.source,
          name: member.owner.name,
          method: member.method,
        });
      return false;
    },
    true,
  );
  return refs;
}

/** `jwtAdapter.verify(t)` where `jwtAdapter` is a named or default import from the project: an instance's method. */
export function singletonCall(ctx: ModuleContext, call: Node): (ImportRef & { method: string }) | undefined {
  const callee = unwrap(call.callee);
  const object = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
  if (object?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(object.name as string, object);
  const method = propertyName(callee?.property, callee?.computed as boolean);
  if (imp === undefined || imp.imported === '*' || method === undefined || !isProjectSource(imp.source))
    return undefined;
  return { from: ctx.file, source: imp.source, name: imp.imported, method };
}

/**
 * The project functions a function's own promise settles with: those it awaits, those whose promise it
 * hands back (`return authenticateToken(token)`, unawaited), and so on through the functions of its module
 * it awaits or hands back. `export const authenticateUser = (e) => authenticateToken(read(e))` fails as
 * authenticateToken's store lookup fails, though it awaits nothing itself.
 */
export function settledImports(
  ctx: ModuleContext,
  fn: Node,
  seen: Set<Node> = new Set(),
): (ImportRef & { method?: string })[] {
  if (seen.has(fn) || seen.size > 4 || !isFunction(fn)) return [];
  seen.add(fn);
  const body = fn.body as Node;
  const refs = awaitedImports(ctx, body);
  const settled = (call: Node): void => {
    const ref = importRefOf(ctx, call.callee as Node);
    if (ref !== undefined) {
      if (!refs.some((r) => r.source === ref.source && r.name === ref.name)) refs.push(ref);
      return;
    }
    const local = unwrap(call.callee)?.type === 'Identifier' ? ctx.functionOf(call.callee) : undefined;
    if (local !== undefined) refs.push(...settledImports(ctx, local, seen));
  };
  forSettlingCalls(
    body,
    (call) => settled(call),
    // `await localHelper(x)`: what the helper awaits is awaited here.
    (call) => {
      if (unwrap(call.callee)?.type !== 'Identifier') return;
      const local = ctx.functionOf(call.callee);
      if (local !== undefined) refs.push(...settledImports(ctx, local, seen));
    },
  );
  return refs;
}
