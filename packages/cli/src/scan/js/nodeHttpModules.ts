// Node's own http and https modules as a request's receiver: imported, or picked by scheme at run time.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

const NODE_HTTP = new Set(['http', 'https', 'node:http', 'node:https']);

/** `http`, `https`, `node:http`, `node:https`. */
export function nodeHttpSource(source: string | undefined): boolean {
  return source !== undefined && NODE_HTTP.has(source);
}

/**
 * `const protocol = url.startsWith('http:') ? http : https`: a module picked by scheme at run time is
 * Node's http or https either way, with the same `get`/`request` and the same lack of a default timeout.
 */
export function nodeHttpChoice(ctx: ModuleContext, receiver: Node): boolean {
  const v = ctx.valueOf(receiver);
  if (v?.type !== 'ConditionalExpression' && v?.type !== 'LogicalExpression') return false;
  const sides = (
    v.type === 'ConditionalExpression' ? [v.consequent, v.alternate] : [v.left, v.right]
  ) as Node[];
  return sides.every((side) => {
    const id = unwrap(side);
    return id?.type === 'Identifier' && nodeHttpSource(ctx.importOf(id.name as string, id)?.source);
  });
}
