// The shapes a module declares: object type aliases, interfaces and classes, with the named type each
// member is declared as (here or imported) and which of their methods answer a promise. A GraphQL
// resolver's `(_, args, { dataSources }: Context) => dataSources.redis.store(...)` reaches the project's
// classes only through such declarations, often spread over modules (Context in one, DataSources in
// another, the class in a third): the project pass follows them (typedMethods.ts) to tell an async method
// from a sync one, as it follows an import to an async function.
import { type Node, propertyName, returnsPromise, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { settledOnReturn } from './rules/settledAsync.js';

/**
 * A named type: one this module declares (no source) or one it imports (`source`, the imported name).
 *
 * @example
 * const ref: TypeRef = { source: './context', name: 'Context' }; // import type { Context } from './context'
 */
export interface TypeRef {
  readonly source?: string;
  readonly name: string;
}

/**
 * What a declared type's members are declared as, and its methods that answer a promise.
 *
 * @example
 * // class CacheSource { redis: RedisClient; async setKey(k: string) {} }
 * const cache: DeclaredType = { members: { redis: { name: 'RedisClient' } }, asyncMethods: ['setKey'] };
 */
export interface DeclaredType {
  readonly members: Readonly<Record<string, TypeRef>>;
  readonly asyncMethods: readonly string[];
  /** Methods with an overload answering no promise: not async, and no other reading of them is asked. */
  readonly syncOverloads?: readonly string[];
  /**
   * The class it extends (`class CassandraClient extends Client`), whose methods it inherits, and the
   * methods it declares itself (an override answers for itself, whatever the base's does).
   */
  readonly base?: TypeRef;
  readonly ownMethods?: readonly string[];
}

/**
 * A class's methods with an overload signature answering no promise (`put(k): void;` beside
 * `put(k, cb?): Promise<void>;`): which one a call picks is the caller's to say, so none counts as async.
 *
 * @example
 * syncOverloadsOf(cls) // class S { put(k): void; async put(k, cb?) {} } -> Set { 'put' }
 */
export function syncOverloadsOf(cls: Node): Set<string> {
  const out = new Set<string>();
  for (const m of (cls.body as Node).body as Node[]) {
    const value = m.value as Node | null | undefined;
    if (value?.type !== 'TSEmptyBodyFunctionExpression' || isPromiseType(value.returnType as Node)) continue;
    const name = propertyName(m.key, m.computed as boolean);
    if (name !== undefined) out.add(name);
  }
  return out;
}

/** The shape, its async methods less those an overload answers no promise for. */
function withoutSyncOverloads(
  members: Record<string, TypeRef>,
  asyncMethods: string[],
  sync: Set<string>,
): DeclaredType {
  const syncOverloads = asyncMethods.filter((n) => sync.has(n));
  return {
    members,
    asyncMethods: asyncMethods.filter((n) => !sync.has(n)),
    ...(syncOverloads.length > 0 ? { syncOverloads } : {}),
  };
}

/** `Promise<...>` as a type annotation or a type. */
function isPromiseType(t: Node | undefined | null): boolean {
  const type = t?.type === 'TSTypeAnnotation' ? (t.typeAnnotation as Node) : t;
  return type?.type === 'TSTypeReference' && type.typeName?.name === 'Promise';
}

/**
 * The import a type name comes from, type-only imports included (`import type { Context } from './ctx'`,
 * which binds no value and so is not among the module's bindings).
 *
 * @example
 * importedType(ctx, 'Context', node) // of `import type { Context } from './ctx'` -> { source: './ctx', imported: 'Context' }
 */
export function importedType(
  ctx: ModuleContext,
  name: string,
  at: Node,
): { source: string; imported: string } | undefined {
  const imp = ctx.importOf(name, at);
  if (imp !== undefined) return imp;
  for (const stmt of ctx.program.body as Node[]) {
    if (stmt.type !== 'ImportDeclaration') continue;
    for (const sp of stmt.specifiers as Node[]) {
      if (sp.local?.name !== name) continue;
      const imported =
        sp.type === 'ImportDefaultSpecifier'
          ? 'default'
          : sp.type === 'ImportNamespaceSpecifier'
            ? '*'
            : (propertyName(sp.imported) ?? name);
      return { source: stmt.source.value as string, imported };
    }
  }
  return undefined;
}

/**
 * The named type an annotation refers to (`x: RedisDataSource`, `x?: DataSources | null`): one this
 * module declares, or one it imports from another module, by the name that module exports it under.
 *
 * @example
 * typeRefOf(ctx, annotation) // `redis: RedisDataSource` of `import RedisDataSource from './redis'` -> { source: './redis', name: 'default' }
 */
export function typeRefOf(ctx: ModuleContext, annotation: Node | undefined | null): TypeRef | undefined {
  let t = annotation?.type === 'TSTypeAnnotation' ? (annotation.typeAnnotation as Node) : annotation;
  // `T | undefined`, `T | null`: the one named type the value has when it is there at all.
  if (t?.type === 'TSUnionType') {
    const named = (t.types as Node[]).filter((u) => u.type === 'TSTypeReference');
    t = named.length === 1 ? named[0] : undefined;
  }
  if (t?.type !== 'TSTypeReference' || t.typeName?.type !== 'Identifier') return undefined;
  const name = t.typeName.name as string;
  const imp = importedType(ctx, name, t.typeName as Node);
  if (imp === undefined) return { name };
  if (imp.imported === '*' || imp.source.startsWith('node:')) return undefined;
  return { source: imp.source, name: imp.imported };
}

/** Members of an object type or interface body: their declared types, and the ones answering a promise. */
function signatureMembers(ctx: ModuleContext, members: Node[]): DeclaredType {
  const types: Record<string, TypeRef> = {};
  const asyncMethods: string[] = [];
  const syncSignatures = new Set<string>();
  for (const m of members) {
    const name = propertyName(m.key, m.computed as boolean);
    if (name === undefined) continue;
    const annotation = (m.typeAnnotation as Node | null)?.typeAnnotation as Node | undefined;
    // An overload answering no promise (`fetchAll(cb): void` beside `fetchAll(): Promise<T[]>`): not async.
    if (m.type === 'TSMethodSignature' && !isPromiseType(m.returnType as Node)) syncSignatures.add(name);
    if (m.type === 'TSMethodSignature' && isPromiseType(m.returnType as Node)) asyncMethods.push(name);
    else if (annotation?.type === 'TSFunctionType' && isPromiseType(annotation.returnType as Node))
      asyncMethods.push(name);
    else if (m.type === 'TSPropertySignature') {
      const ref = typeRefOf(ctx, annotation);
      if (ref !== undefined) types[name] = ref;
    }
  }
  return withoutSyncOverloads(types, asyncMethods, syncSignatures);
}

/** A class's typed fields (`private cache: RedisClient`, `constructor(private db: Db)`) and async methods. */
function classMembers(ctx: ModuleContext, cls: Node): DeclaredType {
  const types: Record<string, TypeRef> = {};
  const asyncMethods: string[] = [];
  for (const m of (cls.body as Node).body as Node[]) {
    if (m.static === true) continue;
    const name = propertyName(m.key, m.computed as boolean);
    if (name === undefined) continue;
    const value = unwrap(m.value as Node | null);
    const fn =
      value?.type === 'FunctionExpression' || value?.type === 'ArrowFunctionExpression' ? value : undefined;
    // An async method that awaits nothing has run to its end when the call returns (rules/settledAsync.ts).
    if (fn !== undefined && returnsPromise(fn) && !settledOnReturn(fn)) asyncMethods.push(name);
    if (m.type === 'PropertyDefinition' && fn === undefined) {
      const ref = typeRefOf(ctx, m.typeAnnotation as Node | null);
      if (ref !== undefined) types[name] = ref;
    }
    if (m.kind === 'constructor' && fn !== undefined)
      for (const p of fn.params as Node[]) {
        const field = p.type === 'TSParameterProperty' ? (p.parameter as Node) : undefined;
        const ref = field?.type === 'Identifier' ? typeRefOf(ctx, field.typeAnnotation as Node) : undefined;
        if (ref !== undefined) types[field?.name as string] = ref;
      }
  }
  // An overload signature answering no promise: which one a call picks is the caller's to say.
  const shape = withoutSyncOverloads(types, asyncMethods, syncOverloadsOf(cls));
  const superClass = unwrap(cls.superClass as Node | null);
  const base = superClass === undefined ? undefined : baseRef(ctx, superClass);
  if (base === undefined) return shape;
  const ownMethods = ((cls.body as Node).body as Node[])
    .filter((m) => m.type === 'MethodDefinition' && m.static !== true)
    .map((m) => propertyName(m.key, m.computed as boolean))
    .filter((n): n is string => n !== undefined);
  return { ...shape, base, ownMethods };
}

/** The class a class extends: one this module declares, or an import (a library's class included). */
function baseRef(ctx: ModuleContext, superClass: Node): TypeRef | undefined {
  // `extends cassandra.Client` of `import * as cassandra from 'cassandra-driver'`.
  if (superClass.type === 'MemberExpression' && superClass.computed !== true) {
    const ns = unwrap(superClass.object as Node);
    const imp = ns?.type === 'Identifier' ? importedType(ctx, ns.name as string, ns) : undefined;
    const member = propertyName(superClass.property as Node, false);
    if (imp?.imported !== '*' || member === undefined || imp.source.startsWith('node:')) return undefined;
    return { source: imp.source, name: member };
  }
  if (superClass.type !== 'Identifier') return undefined;
  const name = superClass.name as string;
  const imp = importedType(ctx, name, superClass);
  if (imp === undefined) return { name };
  if (imp.imported === '*' || imp.source.startsWith('node:')) return undefined;
  return { source: imp.source, name: imp.imported };
}

/** The shape a top-level declaration gives its name, or undefined when it declares no object shape. */
function shapeOf(ctx: ModuleContext, d: Node): DeclaredType | undefined {
  if (d.type === 'TSInterfaceDeclaration') return signatureMembers(ctx, (d.body as Node).body as Node[]);
  if (d.type === 'TSTypeAliasDeclaration' && d.typeAnnotation?.type === 'TSTypeLiteral')
    return signatureMembers(ctx, d.typeAnnotation.members as Node[]);
  if (d.type === 'ClassDeclaration' || d.type === 'ClassExpression') return classMembers(ctx, d);
  return undefined;
}

/**
 * The object shapes a module declares at its top level, exported or not, by name (`default` too for a
 * default-exported class or interface); undefined when it declares none with a typed member or an
 * async method.
 *
 * @example
 * declaredTypes(ctx) // export type Ctx = { ds: DataSources } -> { Ctx: { members: { ds: { name: 'DataSources' } }, asyncMethods: [] } }
 */
export function declaredTypes(ctx: ModuleContext): Record<string, DeclaredType> | undefined {
  // Asked by the module's facts and again by typed receivers while rules run: read the module once.
  if (!known.has(ctx)) known.set(ctx, readDeclaredTypes(ctx));
  return known.get(ctx);
}

const known = new WeakMap<ModuleContext, Record<string, DeclaredType> | undefined>();

function readDeclaredTypes(ctx: ModuleContext): Record<string, DeclaredType> | undefined {
  // Cheap text test: a module with no type annotation declares no member's type (plain JavaScript).
  if (!ctx.spells(':') || !/\b(type|interface|class)\b/.test(ctx.source)) return undefined;
  const out: Record<string, DeclaredType> = {};
  for (const stmt of ctx.program.body as Node[]) {
    const exported = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration';
    const d = exported ? (stmt.declaration as Node | null) : stmt;
    if (d === null || d === undefined) continue;
    const shape = shapeOf(ctx, d);
    if (shape === undefined) continue;
    // A class whose async methods all have an overload answering no promise is kept: it says "not async".
    // So is one that extends another class: what it inherits is asked of its base.
    const says =
      shape.asyncMethods.length > 0 || shape.syncOverloads !== undefined || shape.base !== undefined;
    if (Object.keys(shape.members).length === 0 && !says) continue;
    const name = d.id?.name as string | undefined;
    if (name !== undefined) out[name] = shape;
    if (stmt.type === 'ExportDefaultDeclaration') out.default = shape;
  }
  // `export default RedisDataSource;` after the class: importers' default import is that shape.
  for (const stmt of ctx.program.body as Node[]) {
    const d = stmt.type === 'ExportDefaultDeclaration' ? (stmt.declaration as Node) : undefined;
    const shape = d?.type === 'Identifier' ? out[d.name as string] : undefined;
    if (shape !== undefined) out.default = shape;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
