// A CommonJS helper module often builds its API as a named object and exports that (`const queueHelper = {
// addToQueue: async () => { ... } }; module.exports = queueHelper;`). Export discovery (exportDiscovery.ts)
// names the properties of an ES `export default api` object, but records a CommonJS `module.exports = helper`
// as the module's `default` only, so a function inside it reaches no named export, though importers call it
// by name (`queueHelper.addToQueue(...)`, which resultUse.ts importedCallee reads as `addToQueue` of the
// default import). Kept out of exportDiscovery on purpose: naming these exports there would change every
// rule's reach at once; the rules that need the names ask here.
import { contains, isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The property names of the module's default-exported object literal whose function value contains
 * `node` (`['addToQueue']` for a catch inside `addToQueue: async () => { try {} catch {} }`); empty when
 * the default export is no object literal or no property's function holds `node`.
 *
 * @example
 * defaultObjectMethods(ctx, catchClause) // ['addToQueue'] for `const h = { addToQueue() {...} }; module.exports = h;`
 */
export function defaultObjectMethods(ctx: ModuleContext, node: Node): string[] {
  const value = unwrap(ctx.exports.get('default'));
  if (value?.type !== 'ObjectExpression') return [];
  return objectFunctions(ctx, value)
    .filter(([, target]) => contains(target, node))
    .map(([name]) => name);
}

/**
 * The function-valued properties of an object literal, by name: inline functions and methods, and a name
 * standing for a function of the module (`{ byOwner }` with `function byOwner() {}` above).
 */
export function objectFunctions(ctx: ModuleContext, object: Node): [string, Node][] {
  const found: [string, Node][] = [];
  for (const p of object.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const name = propertyName(p.key, p.computed as boolean);
    const fn = unwrap(p.value as Node);
    const target = fn !== undefined && isFunction(fn) ? fn : ctx.functionOf(p.value as Node);
    if (name !== undefined && target !== undefined) found.push([name, target]);
  }
  return found;
}
