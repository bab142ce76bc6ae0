// Lambda's three-argument handler form, `(event, context, callback)`, spelled out by its parameter names. A
// function exported with it is an entry whatever the export is called (`export const create = async
// (event, ctx, callback) => ...`, one per serverless.yml function): nothing else is written that way.
import type { Node } from './ast.js';

/**
 * `(event, context, callback)` by its names (`evt`, `ctx`, `cb` too).
 *
 * @example
 * callbackSignature(fn.params) // async (event, ctx, callback) => ... -> true
 */
export function callbackSignature(params: Node[]): boolean {
  const names = params.map((p) => (p.type === 'Identifier' ? (p.name as string) : ''));
  return (
    names.length === 3 &&
    /^(event|evt)$/.test(names[0] ?? '') &&
    /^(context|ctx)$/.test(names[1] ?? '') &&
    /^(callback|cb)$/.test(names[2] ?? '')
  );
}
