// Where a local value comes from, when its class is what decides a method call on it: a handler builds a
// per-invocation context `const context = await contextReused()` from a local factory answering
// `{ cassandraClient: initCassandraClient(), kafkaProducer: await initKafkaProducer(kafka) }`, then
// closes `context.cassandraClient.shutdown()` in its `finally`. No `new` is in sight; the value's type is
// the local declaration's (`const c: T`, a factory declared `(): Promise<T>`), a `new` of a class, the
// member of an object literal the factory answers, or the answer of an imported factory, which only the
// project pass can read (typedMethods.ts).
import { type Node, propertyName, unwrap } from './ast.js';
import { type TypeRef, typeRefOf } from './declaredTypes.js';
import { knownLibrary } from './libraryPromises.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The value a receiver chain starts from: a named type (`type`), or the answer of the function `type`
 * names, imported from the project (`returned`: `'await'` when the call is awaited), with the members
 * still to walk from there.
 *
 * @example
 * // const context = await contextReused(); context.cassandraClient.shutdown()
 * const root: ValueRoot = { type: { source: 'services', name: 'initCassandraClient' }, returned: 'call', path: [] };
 */
export interface ValueRoot {
  readonly type: TypeRef;
  readonly returned?: 'call' | 'await';
  readonly path: readonly string[];
}

/** Hops followed at most: a local, its factory, a member of what it answers, and the factory there. */
const MAX_HOPS = 6;

/** `Promise<T>`'s T, when the annotation is one. */
function promised(t: Node | undefined): Node | undefined {
  if (t?.type !== 'TSTypeReference' || t.typeName?.name !== 'Promise') return undefined;
  return (t.typeArguments?.params as Node[] | undefined)?.[0];
}

/** The named class a `new X()` builds: this module's, the project's, or a library class the table knows. */
function newRoot(ctx: ModuleContext, made: Node, path: readonly string[]): ValueRoot | undefined {
  const callee = unwrap(made.callee as Node);
  const root = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : callee;
  if (root?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(root.name as string, root);
  if (imp === undefined || imp.source.startsWith('node:')) {
    return callee === root && ctx.resolve(root.name as string, root)?.kind === 'class'
      ? { type: { name: root.name as string }, path }
      : undefined;
  }
  // `new cassandra.Client()` of a namespace import, `new Client()` of a named one.
  const name = callee === root ? imp.imported : propertyName(callee?.property as Node, false);
  if (name === undefined || name === '*' || (callee !== root && imp.imported !== '*')) return undefined;
  if (imp.source.startsWith('node:')) return undefined;
  return { type: { source: imp.source, name }, path };
}

/** The object literal a local factory answers: its arrow's expression, or its body's only `return`. */
function answeredObject(fn: Node): Node | undefined {
  const body = unwrap(fn.body as Node);
  if (body?.type === 'ObjectExpression') return body;
  if (body?.type !== 'BlockStatement') return undefined;
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  const value = returns.length === 1 ? unwrap(returns[0]?.argument as Node | null) : undefined;
  return value?.type === 'ObjectExpression' ? value : undefined;
}

/** The call's answer: a local factory's declared type or object literal, or an imported factory's. */
function callRoot(
  ctx: ModuleContext,
  call: Node,
  awaited: boolean,
  path: readonly string[],
  hops: number,
): ValueRoot | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp !== undefined) {
    // A bare source may be a workspace package linked by `file:` (`from 'services'`): the project pass
    // resolves it, or finds it a package of the registry and drops the candidate.
    if (imp.imported === '*' || imp.source.startsWith('node:') || knownLibrary(imp.source)) return undefined;
    return { type: { source: imp.source, name: imp.imported }, returned: awaited ? 'await' : 'call', path };
  }
  const fn = ctx.functionOf(callee);
  if (fn === undefined) return undefined;
  const declared = (fn.returnType as Node | null)?.typeAnnotation as Node | undefined;
  // An unawaited call of an async factory is a promise: it has none of the answer's members.
  const isAsync = fn.async === true || promised(declared) !== undefined;
  if (isAsync && !awaited) return undefined;
  if (declared !== undefined) {
    const type = typeRefOf(ctx, promised(declared) ?? declared);
    return type === undefined ? undefined : { type, path };
  }
  const [member, ...rest] = path;
  const object = member === undefined ? undefined : answeredObject(fn);
  const prop = (object?.properties as Node[] | undefined)?.find(
    (p) => p.type === 'Property' && propertyName(p.key, p.computed as boolean) === member,
  );
  return prop === undefined ? undefined : valueRoot(ctx, prop.value as Node, rest, hops + 1);
}

/**
 * Where the value of `expr` comes from, `path` being the members read off it before the method: a
 * declared type, a `new`, a local factory's answer (its declared type, or the member of the object
 * literal it answers), or an imported factory's answer. Parameters are typedReceivers.ts's.
 *
 * @example
 * valueRoot(ctx, contextId, ['cassandraClient']) // const context = await contextReused() -> { type: { source: 'services', name: 'initCassandraClient' }, returned: 'call', path: [] }
 */
export function valueRoot(
  ctx: ModuleContext,
  expr: Node | undefined,
  path: readonly string[],
  hops = 0,
): ValueRoot | undefined {
  let e = unwrap(expr);
  if (e === undefined || hops > MAX_HOPS) return undefined;
  const awaited = e.type === 'AwaitExpression';
  if (awaited) e = unwrap(e.argument as Node);
  if (e?.type === 'NewExpression') return newRoot(ctx, e, path);
  if (e?.type === 'CallExpression') return callRoot(ctx, e, awaited, path, hops);
  if (e?.type !== 'Identifier' || awaited) return undefined;
  const binding = ctx.resolve(e.name as string, e);
  // Only a const says what the value is wherever it is read; a let may be given another.
  if (binding?.kind !== 'const' || binding.declaration.type !== 'VariableDeclarator') return undefined;
  const id = binding.declaration.id as Node;
  if (id.type !== 'Identifier') return undefined;
  const own = (id.typeAnnotation as Node | null)?.typeAnnotation as Node | undefined;
  if (own !== undefined) {
    const type = typeRefOf(ctx, own);
    return type === undefined ? undefined : { type, path };
  }
  return valueRoot(ctx, binding.init, path, hops + 1);
}
