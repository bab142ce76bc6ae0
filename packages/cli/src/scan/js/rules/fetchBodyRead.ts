// A fetch Response's body read (`res.text()`, `res.json()`) answers a promise, like the request did: kept
// in a local and only logged (`const detail = res.text(); logger.error('failed', { detail })`), it shows
// as a pending promise instead of the error body, and a failed read rejects with nobody listening.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const BODY_READS = new Set(['text', 'json', 'arrayBuffer', 'blob', 'formData']);

/**
 * The call reads the body of a response that an awaited `fetch(...)` answered.
 *
 * @example
 * fetchBodyRead(ctx, call) // const res = await fetch(url); const detail = res.text(); -> true for res.text()
 */
export function fetchBodyRead(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || (call.arguments as Node[]).length > 0) return false;
  if (!BODY_READS.has(calleeName(call) ?? '')) return false;
  const response = unwrap(ctx.valueOf(callee.object as Node));
  if (response?.type !== 'AwaitExpression') return false;
  const request = unwrap(response.argument as Node);
  return request?.type === 'CallExpression' && calleeName(request) === 'fetch';
}
