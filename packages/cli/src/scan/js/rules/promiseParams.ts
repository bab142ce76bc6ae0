// floating-promise: a parameter declared as a function that answers a Promise (`removeSubscription:
// (id: string) => Promise<void>`, or a local type alias of that shape) called as a bare statement. The
// declared type says the call starts async work: dropped, it may never finish and its failure is never seen.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** `Promise<...>` as a type. */
function isPromiseType(t: Node | undefined): boolean {
  const type = t?.type === 'TSTypeAnnotation' ? (t.typeAnnotation as Node) : t;
  return (
    type?.type === 'TSTypeReference' &&
    type.typeName?.type === 'Identifier' &&
    type.typeName.name === 'Promise'
  );
}

/** A type alias declared at the module's top level (`type RemoveSubscription = ...`, exported or not). */
function aliasOf(ctx: ModuleContext, name: string): Node | undefined {
  for (const s of ctx.program.body as Node[]) {
    const d = s.type === 'ExportNamedDeclaration' ? (s.declaration as Node | null) : s;
    if (d?.type === 'TSTypeAliasDeclaration' && d.id?.name === name) return d.typeAnnotation as Node;
  }
  return undefined;
}

/** A function type answering a Promise, written inline or through a local alias. */
function promiseFunctionType(ctx: ModuleContext, t: Node | undefined, depth = 0): boolean {
  const type = t?.type === 'TSTypeAnnotation' ? (t.typeAnnotation as Node) : t;
  if (type === undefined || type === null || depth > 2) return false;
  if (type.type === 'TSFunctionType') return isPromiseType(type.returnType as Node);
  if (type.type === 'TSTypeReference' && type.typeName?.type === 'Identifier')
    return promiseFunctionType(ctx, aliasOf(ctx, type.typeName.name as string), depth + 1);
  return false;
}

/**
 * The callee is a parameter whose declared type is a function answering a Promise.
 *
 * @example
 * callsPromiseParam(ctx, call) // removeSubscription(id) with `removeSubscription: (id: string) => Promise<void>` -> true
 */
export function callsPromiseParam(ctx: ModuleContext, callee: Node): boolean {
  if (callee.type !== 'Identifier') return false;
  const binding = ctx.resolve(callee.name as string, callee);
  if (binding?.kind !== 'param' || binding.declaration.type !== 'Identifier') return false;
  return promiseFunctionType(ctx, binding.declaration.typeAnnotation as Node | undefined);
}
