// What a `let` declared without a value stands for when the module assigns it exactly once. Code that
// builds a client inside a try keeps it in such a name (`let client; try { client = await factory(...) }
// catch (e) { log(e) }`) and uses it after the try; valueOf stops at the bare declaration. Two or more
// assignments (a fallback, a reset) leave the value unknown.
import { forEachDescendant, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import type { Binding } from './moduleIndex.js';

/**
 * The right side of the one plain assignment to the uninitialised `let` that `node` names, or undefined.
 * @example
 * // let publisher; try { publisher = await api.publisher({ version: 'v3' }) } catch {}
 * lateAssigned(ctx, publisherRef) // the `await api.publisher(...)` expression
 */
export function lateAssigned(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const id = unwrap(node);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'let' || binding.init !== undefined) return undefined;
  const values = assignments(ctx).get(binding);
  return values?.length === 1 ? values[0] : undefined;
}

/**
 * Every value the module writes to `binding` with a plain `=` (its declaration's value aside), or undefined
 * when one write cannot be read (`x += 1`, `[x] = pair`, `for (x of xs)`).
 * @example
 * // let client = cache.get('c'); if (!client) client = createClient();
 * assignedValues(ctx, clientBinding) // [the `createClient()` call]
 */
export function assignedValues(ctx: ModuleContext, binding: Binding): readonly Node[] | undefined {
  const values = assignments(ctx).get(binding) ?? [];
  // An unknown write is recorded as the assigned name itself (see `add` below).
  const unknown = values.some(
    (v) => v.type === 'Identifier' && v.name === binding.name && ctx.resolve(v.name as string, v) === binding,
  );
  return unknown ? undefined : values;
}

// One walk per module, however many calls ask.
const cache = new WeakMap<ModuleContext, Map<Binding, Node[]>>();

/** Each binding's assigned values (`x = v`; a compound or destructuring write counts as unknown). */
function assignments(ctx: ModuleContext): Map<Binding, Node[]> {
  const cached = cache.get(ctx);
  if (cached !== undefined) return cached;
  const out = new Map<Binding, Node[]>();
  const add = (target: Node | undefined, value: Node | undefined) => {
    const left = unwrap(target);
    if (left?.type !== 'Identifier') return;
    const b = ctx.resolve(left.name as string, left);
    if (b === undefined) return;
    const list = out.get(b) ?? [];
    // An unknown write is kept as a second entry so the binding is never read as assigned once.
    list.push(...(value === undefined ? [left, left] : [value]));
    out.set(b, list);
  };
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'AssignmentExpression') {
      const left = unwrap(n.left as Node);
      // `[c] = b()` and `({ c } = b())` replace the client too; the value each name gets is not followed.
      if (left?.type === 'ArrayPattern' || left?.type === 'ObjectPattern')
        patternNames(left, (id) => add(id, undefined));
      // `c ??= build()` and `c ||= build()` write the right side or keep the name's own value.
      else
        add(
          n.left as Node,
          ['=', '??=', '||='].includes(n.operator as string) ? (n.right as Node) : undefined,
        );
    } else if (n.type === 'UpdateExpression') add(n.argument as Node, undefined);
    // `for (c of xs)` writes c on every turn.
    else if (n.type === 'ForOfStatement' || n.type === 'ForInStatement') {
      const left = unwrap(n.left as Node);
      if (left?.type === 'ArrayPattern' || left?.type === 'ObjectPattern')
        patternNames(left, (id) => add(id, undefined));
      else add(left, undefined);
    }
  });
  cache.set(ctx, out);
  return out;
}

/** Calls `visit` with each Identifier a destructuring target writes (defaults and rest included). */
function patternNames(pattern: Node | undefined, visit: (id: Node) => void): void {
  const p = unwrap(pattern);
  if (p === undefined) return;
  if (p.type === 'Identifier') visit(p);
  else if (p.type === 'ArrayPattern')
    for (const el of (p.elements as (Node | null)[]) ?? []) patternNames(el ?? undefined, visit);
  else if (p.type === 'ObjectPattern')
    for (const prop of (p.properties as Node[]) ?? [])
      patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as Node, visit);
  else if (p.type === 'AssignmentPattern') patternNames(p.left as Node, visit);
  else if (p.type === 'RestElement') patternNames(p.argument as Node, visit);
}
