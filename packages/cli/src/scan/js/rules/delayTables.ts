// A retry delay read from a fixed table by attempt count (`const delays = [1000, 2000, 5000]; await
// sleep(delays[attempt])`, `BACKOFF_SECONDS[msg.attempt] ?? 3600` as a re-send's DelaySeconds) is a
// schedule every caller follows alike: callers that failed together wait the same and come back together,
// exactly as with `base * 2 ** attempt`. Only a table in view counts: an array literal of numbers in a
// `const` of this module. A table imported from another module, or built by code, may carry a random part
// drawn per instance, so it is not judged.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Whether `node` is an array literal of two or more plain numbers (`[1000, 2000, 5000]`). */
function numberTable(node: Node | undefined): boolean {
  const table = unwrap(node);
  if (table?.type !== 'ArrayExpression') return false;
  const elements = table.elements as (Node | null)[];
  return (
    elements.length >= 2 &&
    elements.every((e) => {
      const v = unwrap(e ?? undefined);
      return v?.type === 'Literal' && typeof v.value === 'number';
    })
  );
}

/**
 * The index of a lookup in a fixed delay table of this module (`delays[attempt]`, `TABLE[task.attempt - 1]`),
 * or undefined when `node` is not one: a computed member whose object is a module `const` holding an array
 * literal of numbers only.
 * @example
 * fixedTableIndex(ctx, lookup) // the `attempt` of `delays[attempt]` when `const delays = [1000, 2000]`
 */
export function fixedTableIndex(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || n.computed !== true) return undefined;
  const object = unwrap(n.object as Node);
  if (object?.type !== 'Identifier') return undefined;
  const b = ctx.resolve(object.name as string, object);
  if (b === undefined || b.kind !== 'const' || !numberTable(b.init)) return undefined;
  return n.property as Node;
}

/**
 * A table lookup with a fixed fallback (`TABLE[attempt] ?? 86400`, `delays[i] || 5000`): the lookup's node,
 * or `node` itself when it is a plain lookup; undefined otherwise.
 */
export function tableLookupOf(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const n = unwrap(node);
  if (n?.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) {
    const right = unwrap(n.right as Node);
    const fixed = right?.type === 'Literal' && typeof right.value === 'number';
    return fixed && fixedTableIndex(ctx, n.left as Node) !== undefined ? unwrap(n.left as Node) : undefined;
  }
  return fixedTableIndex(ctx, n) !== undefined ? n : undefined;
}
