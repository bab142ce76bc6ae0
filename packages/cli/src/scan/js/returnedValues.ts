// What a function answers its callers: the expressions it returns, read from its syntax (factories,
// getters and helpers whose answer a rule follows into the caller).
import { isFunction, type Node } from './ast.js';

/**
 * The expressions a function returns: an arrow's body, or every `return` argument (none seen -> []).
 * A bare `return;` makes the answer unknown, unless `bare` says to skip it (it answers `undefined`).
 */
export function returnedValues(fn: Node, bare: 'unknown' | 'skip' = 'unknown'): Node[] | undefined {
  if (fn.body?.type !== 'BlockStatement') return [fn.body as Node];
  const out: Node[] = [];
  const visit = (n: Node | undefined): boolean => {
    if (n === undefined || n === null) return true;
    if (isFunction(n) && n !== fn) return true;
    if (n.type === 'ReturnStatement') {
      if (n.argument === null || n.argument === undefined) return bare === 'skip';
      out.push(n.argument as Node);
      return true;
    }
    for (const key of ['body', 'consequent', 'alternate', 'block', 'handler', 'finalizer', 'cases'])
      if (key in n) {
        const child = n[key];
        if (Array.isArray(child)) {
          for (const c of child) if (!visit(c as Node)) return false;
        } else if (child && typeof child === 'object' && !visit(child as Node)) return false;
      }
    return true;
  };
  if (!visit(fn.body as Node)) return undefined;
  return out.length > 0 ? out : undefined;
}
