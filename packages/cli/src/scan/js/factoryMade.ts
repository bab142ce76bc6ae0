// An object a factory builds (`export const cache = CacheFactory.createFromEnvironment()`,
// `export const db = createDb()`) is an instance of the class or interface the factory answers, exactly
// as `new CacheService()` would be, but no `new` is in sight of its importers. The module's facts say
// which factory made each exported object, and what type each exported factory answers (declared
// `(): CacheService`, or `return new RedisCache()` on every path); the project pass (factoryTypes.ts)
// follows the one import from the object to its factory and from there to the type, whose methods say
// whether an importer's unawaited `cache.set(k, v)` floats.
import { forEachDescendant, isFunction, type Node, propertyName, unwrap } from './ast.js';
import { type TypeRef, typeRefOf } from './declaredTypes.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';

/**
 * The call an exported object comes out of: an imported factory (`source`), or one of this module
 * (`made`, the type it answers, already resolved here).
 *
 * @example
 * const fact: FactoryFacts = { madeBy: { source: '../cache/factory', name: 'CacheFactory', method: 'createFromEnvironment' } };
 */
export interface FactoryFacts {
  /** The exported object is the answer of this project import's call (`method` of it, when a static). */
  readonly madeBy?: { readonly source: string; readonly name: string; readonly method?: string };
  /** The exported object is of this type (declared on the const, or answered by a factory of this module). */
  readonly madeType?: TypeRef;
  /**
   * The module that declares the object (absolute): `madeBy.source` and a `madeType` of its own are
   * relative to it, not to the barrel an importer named (exportLookup.ts follows re-exports to here).
   */
  readonly madeIn?: string;
  /** The exported function answers an object of this type. */
  readonly returnsType?: TypeRef;
  /** The exported function answers a promise of an object of this type (declared `(): Promise<T>`). */
  readonly resolvesType?: TypeRef;
  /** The exported class's static methods answering an object of a type, by method. */
  readonly staticReturns?: Readonly<Record<string, TypeRef>>;
}

/** A type that says nothing of the value's methods: `any`, `unknown`, `object`. */
const OPEN_TYPES = new Set(['TSAnyKeyword', 'TSUnknownKeyword', 'TSObjectKeyword']);

/** The named class a `new X(...)` builds, as a type reference of this module or one it imports. */
function newType(ctx: ModuleContext, made: Node | undefined): TypeRef | undefined {
  const callee = made?.type === 'NewExpression' ? unwrap(made.callee as Node) : undefined;
  if (callee?.type !== 'Identifier') return undefined;
  const name = callee.name as string;
  const binding = ctx.resolve(name, callee);
  if (binding?.kind === 'class') return { name };
  const imp = ctx.importOf(name, callee);
  if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return undefined;
  return { source: imp.source, name: imp.imported };
}

/**
 * The type a function answers: its declared return type when it names one (a promise of it is no
 * object to call methods on, so none), else the one class every `return new X()` of it builds.
 *
 * @example
 * returnedType(ctx, fn) // static create(): CacheService { ... } -> { source: './cache.service', name: 'CacheService' }
 */
export function returnedType(ctx: ModuleContext, fn: Node): TypeRef | undefined {
  const declared = (fn.returnType as Node | null)?.typeAnnotation as Node | undefined;
  if (declared !== undefined) {
    if (declared.type === 'TSTypeReference' && declared.typeName?.name === 'Promise') return undefined;
    return typeRefOf(ctx, declared);
  }
  // Cheap text test first: a body that builds nothing with `new` answers no class of its own.
  if (fn.async === true || fn.generator === true || !ctx.source.slice(fn.start, fn.end).includes('new '))
    return undefined;
  const body = unwrap(fn.body as Node);
  if (body?.type !== 'BlockStatement') return newType(ctx, body);
  let type: TypeRef | undefined;
  let mixed = false;
  forEachDescendant(body, (n) => {
    if (mixed) return false;
    if (n !== body && isFunction(n)) return false;
    if (n.type !== 'ReturnStatement') return true;
    const t = newType(ctx, unwrap(n.argument as Node | null));
    if (t === undefined || (type !== undefined && (t.name !== type.name || t.source !== type.source)))
      mixed = true;
    else type = t;
    return false;
  });
  return mixed ? undefined : type;
}

/**
 * The type a function's declared promise resolves to: `T` of `(): Promise<T>` (an awaiting caller holds
 * a T: `await initKafkaProducer(kafka)` of `(k: Kafka): Promise<Producer>`).
 *
 * @example
 * resolvedType(ctx, fn) // async (k: Kafka): Promise<Producer> => ... -> { source: 'kafkajs', name: 'Producer' }
 */
function resolvedType(ctx: ModuleContext, fn: Node): TypeRef | undefined {
  const declared = (fn.returnType as Node | null)?.typeAnnotation as Node | undefined;
  if (declared?.type !== 'TSTypeReference' || declared.typeName?.name !== 'Promise') return undefined;
  const inner = (declared.typeArguments?.params as Node[] | undefined)?.[0];
  return inner === undefined ? undefined : typeRefOf(ctx, inner);
}

/** The static methods of a class answering an object of a known type. */
function staticReturnsOf(ctx: ModuleContext, cls: Node): Record<string, TypeRef> | undefined {
  const out: Record<string, TypeRef> = {};
  for (const m of (cls.body as Node).body as Node[]) {
    if (m.type !== 'MethodDefinition' || m.static !== true || m.kind !== 'method') continue;
    const name = propertyName(m.key, m.computed as boolean);
    const type = name === undefined ? undefined : returnedType(ctx, m.value as Node);
    if (name !== undefined && type !== undefined) out[name] = type;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `Factory.create(...)` or `create(...)` of this module: the type the call answers. */
function localMade(ctx: ModuleContext, root: Node, method: string | undefined): TypeRef | undefined {
  const binding = ctx.resolve(root.name as string, root);
  if (binding === undefined) return undefined;
  if (method === undefined) {
    const fn = ctx.functionOf(root);
    return fn === undefined ? undefined : returnedType(ctx, fn);
  }
  return binding.kind === 'class' ? staticReturnsOf(ctx, binding.declaration)?.[method] : undefined;
}

/** What an exported object's factory call is: `X.create()` or `create()`, of this module or an import. */
function madeFacts(ctx: ModuleContext, call: Node): FactoryFacts | undefined {
  const callee = unwrap(call.callee as Node);
  const member = callee?.type === 'MemberExpression' && callee.computed !== true;
  const root = member ? unwrap(callee.object as Node) : callee;
  const method = member ? propertyName(callee.property as Node, false) : undefined;
  if (root?.type !== 'Identifier' || (member && method === undefined)) return undefined;
  const imp = ctx.importOf(root.name as string, root);
  if (imp === undefined) {
    const madeType = localMade(ctx, root, method);
    return madeType === undefined ? undefined : { madeType };
  }
  if (imp.imported === '*' || imp.source.startsWith('node:') || !mayBeProjectSource(imp.source))
    return undefined;
  return { madeBy: { source: imp.source, name: imp.imported, ...(method ? { method } : {}) } };
}

/**
 * The factory facts of one exported value: a class's typed statics, a function's answered type, or the
 * factory an object comes out of (a declared `const x: T = ...` says its type outright; `any` says none).
 *
 * @example
 * factoryFacts(ctx, init) // export const cache = CacheFactory.createFromEnvironment() -> { madeBy: { source: './factory', name: 'CacheFactory', method: 'createFromEnvironment' } }
 */
export function factoryFacts(ctx: ModuleContext, value: Node): FactoryFacts | undefined {
  if (value.type === 'ClassDeclaration' || value.type === 'ClassExpression') {
    const staticReturns = staticReturnsOf(ctx, value);
    return staticReturns === undefined ? undefined : { staticReturns };
  }
  if (isFunction(value)) {
    const returnsType = returnedType(ctx, value);
    const resolvesType = resolvedType(ctx, value);
    if (returnsType === undefined && resolvesType === undefined) return undefined;
    // The types are named as this module names them: a barrel's importer resolves them from here.
    return {
      ...(returnsType === undefined ? {} : { returnsType }),
      ...(resolvesType === undefined ? {} : { resolvesType }),
      madeIn: ctx.file,
    };
  }
  if (value.type !== 'CallExpression') return undefined;
  const made = madeObject(ctx, value);
  return made === undefined ? undefined : { ...made, madeIn: ctx.file };
}

/** An exported object's type, declared or its factory's. */
function madeObject(ctx: ModuleContext, value: Node): FactoryFacts | undefined {
  const declarator = ctx.parentOf(value);
  const declared =
    declarator?.type === 'VariableDeclarator'
      ? ((declarator.id?.typeAnnotation as Node | null)?.typeAnnotation as Node | undefined)
      : undefined;
  if (declared !== undefined) {
    if (OPEN_TYPES.has(declared.type)) return undefined;
    const madeType = typeRefOf(ctx, declared);
    return madeType === undefined ? undefined : { madeType };
  }
  return madeFacts(ctx, value);
}
