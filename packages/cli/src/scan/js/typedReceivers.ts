// The declared type behind a method call's receiver: `dataSources.redis.store(k, v)` where `dataSources`
// comes out of a parameter declared `{ dataSources }: Context`, or out of the context parameter of a
// resolver whose variable is declared `IFieldResolver<Source, Context, Args>`. The type says which class
// the value is even when no `new` is in sight (the server builds it elsewhere and hands it in), so
// floating-promise asks the project pass (typedMethods.ts) whether the method at the end answers a promise.
import { type Node, propertyName, unwrap } from './ast.js';
import { type DeclaredType, declaredTypes, type TypeRef, typeRefOf } from './declaredTypes.js';
import { aliasTarget, resolverType } from './graphqlResolvers.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';

/**
 * A method called on a value of a declared type, reached through these members of it.
 *
 * @example
 * // ({ dataSources }: Context) => dataSources.redis.setKey(k)
 * const call: TypedCall = { type: { source: './context', name: 'Context' }, path: ['dataSources', 'redis'], method: 'setKey' };
 */
export interface TypedCall {
  readonly type: TypeRef;
  readonly path: readonly string[];
  readonly method: string;
}

/**
 * The type a function's declared type gives its parameter at `index`: `const f: (a: A, ctx: Ctx) => R`, or
 * a GraphQL resolver type whose context is its second type argument.
 */
function paramTypeFromFunctionType(ctx: ModuleContext, fn: Node, index: number): Node | undefined {
  const parent = ctx.parentOf(fn);
  if (parent?.type !== 'VariableDeclarator' || unwrap(parent.init) !== fn) return undefined;
  const declared = aliasTarget(ctx, (parent.id?.typeAnnotation as Node | null)?.typeAnnotation as Node);
  if (declared?.type === 'TSFunctionType')
    return ((declared.params as Node[])[index]?.typeAnnotation as Node | null) ?? undefined;
  // A GraphQL resolver type: its third parameter, the context, is its second type argument.
  if (index !== 2 || resolverType(ctx, declared) === undefined) return undefined;
  return (declared?.typeArguments?.params as Node[] | undefined)?.[1];
}

/** The declared type of a parameter, and the member of it a destructured name reads (`{ ds }: Ctx`). */
function paramType(ctx: ModuleContext, root: Node): { type: Node; path: string[] } | undefined {
  const binding = ctx.resolve(root.name as string, root);
  if (binding?.kind !== 'param') return undefined;
  let param = binding.declaration;
  if (param.type === 'AssignmentPattern') param = param.left as Node;
  const path: string[] = [];
  if (param.type === 'ObjectPattern') {
    const prop = (param.properties as Node[]).find(
      (p) => p.type === 'Property' && (unwrap(p.value) as Node | undefined)?.name === root.name,
    );
    const key = propertyName(prop?.key, prop?.computed as boolean);
    if (key === undefined) return undefined;
    path.push(key);
  } else if (param.type !== 'Identifier') return undefined;
  const own = (param.typeAnnotation as Node | null)?.typeAnnotation as Node | undefined;
  const fn = binding.scope;
  const index = ((fn.params as Node[] | undefined) ?? []).indexOf(binding.declaration);
  const type = own ?? (index < 0 ? undefined : paramTypeFromFunctionType(ctx, fn, index));
  return type === undefined ? undefined : { type, path };
}

/**
 * `root.a.b.method(...)` where `root` is a parameter with a declared named type (directly, destructured,
 * or through the resolver type its function is declared with): that type, the members walked, the method.
 *
 * @example
 * typedCall(ctx, callee) // dataSources.redis.store of `async (_, args, { dataSources }: Context) => ...` -> { type: { source: './context', name: 'Context' }, path: ['dataSources', 'redis'], method: 'store' }
 */
export function typedCall(ctx: ModuleContext, callee: Node | undefined): TypedCall | undefined {
  const c = unwrap(callee);
  if (c?.type !== 'MemberExpression' || c.computed === true) return undefined;
  const method = propertyName(c.property, false);
  const members: string[] = [];
  let object = unwrap(c.object as Node);
  while (object?.type === 'MemberExpression' && object.computed !== true) {
    const name = propertyName(object.property, false);
    if (name === undefined) return undefined;
    members.unshift(name);
    object = unwrap(object.object as Node);
  }
  if (method === undefined || object?.type !== 'Identifier') return undefined;
  const declared = paramType(ctx, object);
  const type = declared === undefined ? undefined : typeRefOf(ctx, declared.type);
  if (type === undefined || declared === undefined) return undefined;
  return settleLocally(ctx, { type, path: [...declared.path, ...members], method });
}

/**
 * Follows the steps this module declares itself: a call whose type ends here is decided now (a sync
 * method, an unknown member: no candidate), one that leaves through an import of the project goes on from
 * there; a package's type (`Logger` of a logging library) is not the project's class, and is left alone.
 */
function settleLocally(ctx: ModuleContext, call: TypedCall): TypedCall | undefined {
  const types = declaredTypes(ctx);
  let type: TypeRef | undefined = call.type;
  const path = [...call.path];
  while (type !== undefined && type.source === undefined) {
    const shape: DeclaredType | undefined = types?.[type.name];
    const member = path.shift();
    if (member === undefined) return shape?.asyncMethods.includes(call.method) === true ? call : undefined;
    type = shape?.members[member];
  }
  if (type === undefined || !mayBeProjectSource(type.source as string)) return undefined;
  return { type, path, method: call.method };
}
