// What a `var` stands for when nothing writes it again. valueOf follows `const` and `let` but leaves a
// `var` alone; code written before ES2015 keeps its request options in one (`var options = { method:
// 'GET', url }`), and where the module never assigns that name again, never declares it a second time
// and never writes one of its properties (`options.method = 'POST'`, `delete options.timeout`,
// `Object.assign(options, overrides)`), its declaration is its value.
import { forEachDescendant, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import type { Binding } from './moduleIndex.js';

/**
 * The initializer of the `var` that `node` names, when nothing in the module writes that binding.
 * @example
 * // var options = { url, method: 'GET' }; request(options, cb)
 * unassignedVar(ctx, optionsArg) // the object literal
 */
export function unassignedVar(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const id = unwrap(node);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'var' || binding.init === undefined) return undefined;
  if (writtenBindings(ctx).has(binding)) return undefined;
  return unwrap(binding.init);
}

// One walk per module, however many request calls ask (a generated client makes thousands).
const written = new WeakMap<ModuleContext, Set<Binding>>();

/** The bindings the module assigns, declares again, or writes a property of, found in one walk. */
function writtenBindings(ctx: ModuleContext): Set<Binding> {
  const cached = written.get(ctx);
  if (cached !== undefined) return cached;
  const out = new Set<Binding>();
  const add = (target: Node | undefined, member: boolean) => {
    const id = member ? memberRoot(target) : unwrap(target);
    if (id?.type !== 'Identifier') return;
    const b = ctx.resolve(id.name as string, id);
    if (b !== undefined) out.add(b);
  };
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'AssignmentExpression')
      add(n.left as Node, unwrap(n.left as Node)?.type === 'MemberExpression');
    else if (n.type === 'UpdateExpression')
      add(n.argument as Node, unwrap(n.argument as Node)?.type === 'MemberExpression');
    else if (n.type === 'UnaryExpression' && n.operator === 'delete') add(n.argument as Node, true);
    else if (
      (n.type === 'ForInStatement' || n.type === 'ForOfStatement') &&
      n.left?.type !== 'VariableDeclaration'
    )
      add(n.left as Node, unwrap(n.left as Node)?.type === 'MemberExpression');
    else if (n.type === 'CallExpression' && isObjectMutator(n)) add((n.arguments as Node[])[0], true);
    else if (n.type === 'VariableDeclarator' || n.type === 'FunctionDeclaration') {
      // A second declaration of a name in the same scope resolves to the first: the name is declared twice.
      const id = n.id as Node | undefined;
      if (id?.type !== 'Identifier') return undefined;
      const b = ctx.resolve(id.name as string, id);
      if (b !== undefined && b.declaration !== n) out.add(b);
    }
    return undefined;
  });
  written.set(ctx, out);
  return out;
}

/** The identifier a member chain hangs from (`options.headers.x` -> `options`); the node itself if none. */
function memberRoot(node: Node | undefined): Node | undefined {
  let n = unwrap(node);
  while (n?.type === 'MemberExpression') n = unwrap(n.object as Node);
  return n;
}

const MUTATORS = new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf']);

/** `Object.assign(target, ...)` and its kin, which write the target's properties. */
function isObjectMutator(call: Node): boolean {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression' || callee.computed === true) return false;
  const obj = unwrap(callee.object as Node);
  return obj?.type === 'Identifier' && obj.name === 'Object' && MUTATORS.has(callee.property?.name as string);
}
