// The declared type behind a method call's receiver: `dataSources.redis.store(k, v)` where `dataSources`
// comes out of a parameter declared `{ dataSources }: Context`, or out of the context parameter of a
// resolver whose variable is declared `IFieldResolver<Source, Context, Args>`. The type says which class
// the value is even when no `new` is in sight (the server builds it elsewhere and hands it in), so
// floating-promise asks the project pass (typedMethods.ts) whether the method at the end answers a promise.
import { ownEntry } from '../ownEntry.js';
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import { type DeclaredType, declaredTypes, type TypeRef, typeRefOf } from './declaredTypes.js';
import { aliasTarget, resolverType } from './graphqlResolvers.js';
import { knownLibrary, libraryMethodAsync } from './libraryPromises.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import { valueRoot } from './valueRoots.js';

/**
 * A method called on a value of a declared type, reached through these members of it.
 *
 * @example
 * // ({ dataSources }: Context) => dataSources.redis.setKey(k)
 * const call: TypedCall = { type: { source: './context', name: 'Context' }, path: ['dataSources', 'redis'], method: 'setKey' };
 */
export interface TypedCall {
  readonly type: TypeRef;
  /** `type` names an imported function whose answer (awaited, or as called) is the receiver's root. */
  readonly returned?: 'call' | 'await';
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
export function typedCall(ctx: ModuleContext, callee: Node | undefined): TypedCall | true | undefined {
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
  if (declared === undefined) {
    // A local built by a factory or a `new` (js/valueRoots.ts): a per-invocation client in a context object.
    // Given a callback, a library client answers none, and a project method's answer is not asked here.
    const root = givenCallback(ctx, c) ? undefined : valueRoot(ctx, object, members);
    return root === undefined ? undefined : settleLocally(ctx, { ...root, method }, c, true);
  }
  const type = typeRefOf(ctx, declared.type);
  if (type === undefined) return undefined;
  return settleLocally(ctx, { type, path: [...declared.path, ...members], method }, c);
}

/**
 * Follows the steps this module declares itself: a call whose type ends here is decided now (a sync
 * method, an unknown member: no candidate), one that leaves through an import of the project goes on from
 * there; a package's type (`Logger` of a logging library) is not the project's class, and is left alone.
 */
function settleLocally(
  ctx: ModuleContext,
  call: TypedCall,
  callee: Node,
  built = false,
): TypedCall | true | undefined {
  if (call.returned !== undefined) return call;
  const types = declaredTypes(ctx);
  let type: TypeRef | undefined = call.type;
  const path = [...call.path];
  // Bounded: a class chain that names itself (a typo TypeScript rejects) must not loop.
  for (let step = 0; type !== undefined && type.source === undefined; step++) {
    const shape: DeclaredType | undefined = step > 8 ? undefined : ownEntry(types, type.name);
    const member = path.shift();
    if (member !== undefined) {
      type = ownEntry(shape?.members, member);
      continue;
    }
    if (shape?.asyncMethods.includes(call.method) === true) return call;
    // A class of this module extending another: a method it does not declare is its base's.
    if (shape?.base === undefined || shape.ownMethods?.includes(call.method) === true) return undefined;
    type = shape.base;
  }
  if (type?.source === undefined || type.source.startsWith('node:')) return undefined;
  // A library client's own method (js/libraryPromises.ts): decided here, unless given a callback.
  if (knownLibrary(type.source))
    return path.length === 0 &&
      libraryMethodAsync(type.source, type.name, call.method) &&
      !givenCallback(ctx, callee)
      ? true
      : undefined;
  // A value the module builds itself may come from a workspace package linked by `file:` under a bare
  // name (`from 'services'`): the project pass resolves it. A parameter's library type (a logger's) is
  // left alone, as before: the handler path hands in what it likes.
  if (!built && !mayBeProjectSource(type.source)) return undefined;
  return { type, path, method: call.method };
}

/** The call's last argument is a function: a callback API, which answers no promise. */
function givenCallback(ctx: ModuleContext, callee: Node): boolean {
  const call = ctx.parentOf(callee);
  const last = unwrap((call?.arguments as Node[] | undefined)?.at(-1));
  return last !== undefined && isFunction(last);
}
