// A factory that returns an object of methods (`export const createApi = () => ({ get: async () => ... })`)
// is the closure's answer to a class: a caller reaches one method by building the object and calling that
// method by name. The project pass (eventCallers.ts) then asks, as it does for a class's method, which
// modules name the factory (or the interface it is declared to return) and call the method, rather than
// which modules build the object: a module that builds it for other methods is no caller of this one.
import { isFunction, type Node, unwrap } from './ast.js';
import { isCastOrParen } from './heldIn.js';
import type { ModuleContext } from './ModuleContext.js';

/** The factory whose returned object holds a node's method: its exported name and what else names it. */
export interface FactoryOwner {
  /** The name importers call the factory by (its export). */
  readonly owner: string;
  /** Names of the factory and the functions around it: calling one of them does not call the method. */
  readonly outerNames: ReadonlySet<string>;
  /** The type the factory is declared to return (`(): TimesheetApi =>`), named by code handed the object. */
  readonly returnType?: string;
}

/** The function that returns this object literal: `return { ... }`, or an arrow's body `() => ({ ... })`. */
function returningFunction(ctx: ModuleContext, object: Node): Node | undefined {
  // Through parentheses and type assertions: `() => ({ ... })`, `return { ... } as Api`.
  const { parent } = ctx.climb(object, isCastOrParen);
  if (parent?.type === 'ReturnStatement') return ctx.enclosingFunction(parent);
  if (parent !== undefined && isFunction(parent) && unwrap(parent.body) === unwrap(object)) return parent;
  return undefined;
}

/** The name a function is known by here: its declaration's, or its variable's. */
function ownName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.id?.type === 'Identifier') return fn.id.name as string;
  const parent = ctx.parentOf(fn);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier'
    ? (parent.id.name as string)
    : undefined;
}

/** The referenced type a function declares it returns, unwrapped from `Promise<...>`. */
function declaredReturn(fn: Node): string | undefined {
  let t = fn.returnType?.typeAnnotation as Node | undefined;
  if (t?.type === 'TSTypeReference' && t.typeName?.name === 'Promise') t = t.typeArguments?.params?.[0];
  return t?.type === 'TSTypeReference' && t.typeName?.type === 'Identifier'
    ? (t.typeName.name as string)
    : undefined;
}

/**
 * The exported factory whose returned object literal has `node` inside one of its methods, if any.
 *
 * @example
 * factoryOwner(ctx, fetchCall) // { owner: 'createTimesheetApi', outerNames: {'createTimesheetApi'}, returnType: 'TimesheetApi' }
 */
export function factoryOwner(ctx: ModuleContext, node: Node): FactoryOwner | undefined {
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    const property = ctx.parentOf(fn);
    if (property?.type !== 'Property') continue;
    const object = ctx.parentOf(property);
    if (object?.type !== 'ObjectExpression') continue;
    const factory = returningFunction(ctx, object);
    if (factory === undefined) return undefined;
    let owner: string | undefined;
    for (const [name, value] of ctx.exports)
      if ((isFunction(value) ? value : ctx.functionOf(value)) === factory) owner = name;
    if (owner === undefined || owner === 'default') return undefined;
    const outerNames = new Set<string>([owner]);
    for (let outer: Node | undefined = factory; outer !== undefined; outer = ctx.enclosingFunction(outer)) {
      const name = ownName(ctx, outer);
      if (name !== undefined) outerNames.add(name);
    }
    const returnType = declaredReturn(factory);
    return { owner, outerNames, ...(returnType !== undefined ? { returnType } : {}) };
  }
  return undefined;
}
