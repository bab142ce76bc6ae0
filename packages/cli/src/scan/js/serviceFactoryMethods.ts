// Functions a service factory hands out: `const WorkersService = () => { const addNewWorker = async (w) =>
// {...}; return { addNewWorker, ... } }; export default WorkersService`, called elsewhere as `const service =
// WorkersService(); await service.addNewWorker(w)`. The returned object is an instance in all but name: its
// callers reach each function as a method, so what they do with the answer settles a catch in it as it does
// for a class's method (instanceCalls.ts, resultUse.ts). Read strictly: a function the factory names other
// than by declaring it, calling it and returning it may be handed on, and is not one. (factoryMethods.ts
// reads the same shape for reach: which modules call such a method.)
import { isFunction, type Node, propertyName, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** The key an object literal gives `value` (`{ addNewWorker }`, `{ add: addNewWorker }`), if it holds it. */
function keyOf(object: Node, test: (value: Node) => boolean): string | undefined {
  for (const p of object.properties as Node[]) {
    if (p.type !== 'Property' || p.computed === true) continue;
    const value = unwrap(p.value as Node);
    if (value !== undefined && test(value)) return propertyName(p.key, false);
  }
  return undefined;
}

/** The object literals `factory` answers with: its arrow's expression body, or its body's own `return {...}`s. */
function returnedObjects(factory: Node): Node[] {
  const body = factory.body as Node;
  if (body.type === 'ObjectExpression') return [body];
  const out: Node[] = [];
  if (body.type !== 'BlockStatement') return out;
  for (const s of body.body as Node[]) {
    const value = s.type === 'ReturnStatement' ? unwrap(s.argument as Node | null) : undefined;
    if (value?.type === 'ObjectExpression') out.push(value);
  }
  return out;
}

/** Is `factory` exported by the module (by any name, the default too)? */
function exported(ctx: ModuleContext, factory: Node): boolean {
  for (const value of ctx.exports.values())
    if ((isFunction(value) ? value : ctx.functionOf(value)) === factory) return true;
  return false;
}

/**
 * Every mention of `name` in `factory` is its declaration, a call of it, or its place in the returned object
 * (`object`): the factory hands it out only as a method. Any other (`items.map(addNewWorker)`, `{ run: addNewWorker }` handed to a call) hands it on.
 */
function namedOnlyAsMethod(
  ctx: ModuleContext,
  factory: Node,
  name: string,
  declared: Node,
  object: Node,
): boolean {
  return !someDescendant(
    factory.body as Node,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n === declared) return false;
      if (n.start >= object.start && n.end <= object.end) return false;
      const parent = ctx.parentOf(n);
      return !(parent?.type === 'CallExpression' && unwrap(parent.callee as Node) === n);
    },
    true,
  );
}

/**
 * For a function a factory exported by the module declares and returns in its object: the key callers
 * reach it by (the factory's own calls of it are counted by resultUse.ts callersRead).
 *
 * @example
 * factoryMethodName(ctx, addNewWorker) // 'addNewWorker' in `const S = () => { const addNewWorker = ...; return { addNewWorker } }; export default S`
 */
export function factoryMethodName(ctx: ModuleContext, fn: Node): string | undefined {
  const parent = ctx.parentOf(fn);
  // `{ async addNewWorker(w) {...} }` or `{ addNewWorker: async (w) => ... }` written in the returned object.
  if (parent?.type === 'Property' && parent.computed !== true) {
    const object = ctx.parentOf(parent);
    const factory = object === undefined ? undefined : ctx.enclosingFunction(object);
    if (
      factory === undefined ||
      !returnedObjects(factory).includes(object as Node) ||
      !exported(ctx, factory)
    )
      return undefined;
    return propertyName(parent.key, false);
  }
  // `const addNewWorker = async (w) => {...}` or `function addNewWorker(w) {...}` in the factory's body.
  const declared =
    parent?.type === 'VariableDeclarator' && unwrap(parent.init as Node) === fn
      ? (parent.id as Node)
      : fn.type === 'FunctionDeclaration'
        ? (fn.id as Node | undefined)
        : undefined;
  if (declared?.type !== 'Identifier') return undefined;
  const name = declared.name as string;
  const factory = ctx.enclosingFunction(parent as Node);
  if (factory === undefined || !exported(ctx, factory)) return undefined;
  for (const object of returnedObjects(factory)) {
    const key = keyOf(object, (v) => v.type === 'Identifier' && v.name === name);
    if (key !== undefined && namedOnlyAsMethod(ctx, factory, name, declared, object)) return key;
  }
  return undefined;
}
