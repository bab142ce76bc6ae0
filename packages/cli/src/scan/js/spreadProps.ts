// An object literal read whole, spreads included: `{ ...base, url }` holds base's keys and then its own, a
// later key overriding an earlier one as JavaScript does. What a spread holds is the caller's to say (a merge
// of pieces the module spells, mergedOptions.ts; a construct's default props from a method of its class,
// rules/cdkSolutionsConstructs.ts); the walk over the literal, the same for both, lives here.
import { type Node, propertyName } from './ast.js';

/**
 * The properties of `object` (an ObjectExpression) by key, in order, each spread's own taken from
 * `spread(argument)`; undefined when a key is computed or a spread cannot be read (it may set any key).
 * @example
 * spreadProps(node, (arg) => readOf(arg)) // `{ ...base, url }` with base `{ json: true }` -> Map { json, url }
 */
export function spreadProps(
  object: Node,
  spread: (argument: Node) => ReadonlyMap<string, Node> | undefined,
): Map<string, Node> | undefined {
  const out = new Map<string, Node>();
  for (const p of object.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      const inner = spread(p.argument as Node);
      if (inner === undefined) return undefined;
      for (const [k, value] of inner) out.set(k, value);
      continue;
    }
    const key = propertyName(p.key as Node, p.computed as boolean);
    if (key === undefined) return undefined;
    out.set(key, p.shorthand ? (p.key as Node) : (p.value as Node));
  }
  return out;
}
