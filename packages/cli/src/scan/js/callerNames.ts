// The names other modules call to reach a node in a shared module: the function or method it is made in,
// the functions and methods around it, and the exports that reach it through module-local calls. The
// project pass (eventCallers.ts) looks for calls of these names in the modules that import this one.

import type { SharedRequest } from '../callerLookup.js';
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import { factoryOwner } from './factoryMethods.js';
import { exportsReaching } from './handlerImports.js';
import type { ModuleContext } from './ModuleContext.js';
import { namespacePath } from './namespaceMembers.js';

/** The name a function is called by: its declaration, method, property or variable name. */
function nameOf(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.id?.type === 'Identifier') return fn.id.name as string;
  const parent = ctx.parentOf(fn);
  if (
    parent?.type === 'MethodDefinition' ||
    parent?.type === 'Property' ||
    parent?.type === 'PropertyDefinition'
  )
    return propertyName(parent.key, parent.computed as boolean);
  if (parent?.type === 'VariableDeclarator' && unwrap(parent.id)?.type === 'Identifier')
    return unwrap(parent.id)?.name as string;
  return undefined;
}

/**
 * Names a caller in another module may call to reach `node`; a method's callers inside its class
 * (`this.fetchPage()` from `listAll()`) add theirs, two calls deep.
 *
 * @example
 * callerNames(ctx, axiosGet) // ['page', 'listPending'] for a request in page(), which listPending() calls as this.page()
 */
export function callerNames(ctx: ModuleContext, node: Node): string[] {
  const names = new Set<string>(exportsReaching(ctx, node));
  const methods: string[] = [];
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) {
    if (!isFunction(n)) continue;
    const name = nameOf(ctx, n);
    if (name === undefined) continue;
    // A namespace's member is called through it: `OrganizationDomain.create(` (namespaceMembers.ts).
    const space = namespacePath(ctx, n);
    names.add(space === undefined ? name : `${space}.${name}`);
    const holder = ctx.parentOf(n)?.type;
    if (holder === 'MethodDefinition' || holder === 'PropertyDefinition') methods.push(name);
  }
  // Methods reached through `this.<name>(...)` from other methods of the same class.
  for (let round = 0; round < 2 && methods.length > 0; round++) {
    const wanted = new Set(methods.splice(0));
    for (const call of ctx.of('CallExpression')) {
      const callee = unwrap(call.callee);
      if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression') continue;
      if (!wanted.has(propertyName(callee.property, callee.computed as boolean) ?? '')) continue;
      const fn = ctx.enclosingFunction(call);
      const holder = fn !== undefined ? ctx.parentOf(fn)?.type : undefined;
      const caller =
        fn !== undefined && (holder === 'MethodDefinition' || holder === 'PropertyDefinition')
          ? nameOf(ctx, fn)
          : undefined;
      if (caller !== undefined && !names.has(caller)) {
        names.add(caller);
        methods.push(caller);
      }
    }
  }
  return [...names];
}

/**
 * The class a node is in, when the module exports it: importers naming it use the class (a default
 * export is usually named after the class: `export { default as X }`).
 */
export function exportedClassOf(ctx: ModuleContext, node: Node): string | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassDeclaration' && n.type !== 'ClassExpression') continue;
    for (const [name, value] of ctx.exports)
      if (unwrap(value) === n) return name === 'default' ? (n.id?.name as string | undefined) : name;
    return undefined;
  }
  return undefined;
}

/**
 * Where the interfaces the node's class implements are imported from (`class SsmPrices implements
 * PriceSource`): code handed the object calls its methods through them, in modules that never import the
 * class itself.
 */
export function implementedInterfaces(ctx: ModuleContext, node: Node): { source: string; name: string }[] {
  const out: { source: string; name: string }[] = [];
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassDeclaration' && n.type !== 'ClassExpression') continue;
    for (const impl of (n.implements as Node[] | undefined) ?? []) {
      const id = unwrap(impl.expression);
      if (id?.type !== 'Identifier') continue;
      const name = id.name as string;
      // An interface declared beside the class has no source to follow: its callers import this module.
      const source = ctx.imports.get(name)?.source ?? typeImportSource(ctx.source, name) ?? '';
      out.push({ source, name });
    }
    break;
  }
  return out;
}

/** The source of `import type { name } from '...'`, which the module index does not bind. */
function typeImportSource(source: string, name: string): string | undefined {
  for (const m of source.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g))
    if (
      (m[1] as string).split(',').some(
        (s) =>
          s
            .replace(/^\s*type\s+/, '')
            .trim()
            .split(/\s+as\s+/)
            .pop() === name,
      )
    )
      return m[2];
  return undefined;
}

/**
 * What the project pass needs to find who makes a request in a shared module (eventCallers.ts). A method
 * of the object an exported factory returns is owned by the factory as a class's method is by its class
 * (factoryMethods.ts): its callers name the factory or its declared return type, and call the method.
 */
export function sharedRequest(ctx: ModuleContext, call: Node): SharedRequest {
  const owner = exportedClassOf(ctx, call);
  const interfaces = owner !== undefined ? implementedInterfaces(ctx, call) : [];
  const factory = owner === undefined ? factoryOwner(ctx, call) : undefined;
  if (factory !== undefined) {
    const { returnType } = factory;
    const names = callerNames(ctx, call).filter((n) => !factory.outerNames.has(n));
    const declared =
      returnType === undefined
        ? []
        : [
            {
              source: ctx.imports.get(returnType)?.source ?? typeImportSource(ctx.source, returnType) ?? '',
              name: returnType,
            },
          ];
    return { names, owner: factory.owner, ...(declared.length > 0 ? { interfaces: declared } : {}) };
  }
  return {
    names: callerNames(ctx, call),
    ...(owner !== undefined ? { owner } : {}),
    ...(interfaces.length > 0 ? { interfaces } : {}),
  };
}
