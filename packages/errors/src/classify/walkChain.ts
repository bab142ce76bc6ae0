// The links of an error chain, outermost first: `cause`, `errors` of an AggregateError, and the `reason`
// of an aborted AbortSignal, breadth-first,
// bounded in depth and count, safe against cycles, throwing getters and Proxies.

import { isObjectLike, readProp } from './safeRead.js';

/** How far down `cause` chains `classify` looks by default. */
export const DEFAULT_MAX_DEPTH = 8;
/** How many links in all (an AggregateError may carry thousands). */
const MAX_LINKS = 64;

/** The links of `error`'s chain, outermost first, `error` itself included. */
export function walkChain(error: unknown, maxDepth: number = DEFAULT_MAX_DEPTH): unknown[] {
  const links: unknown[] = [];
  const seen = new Set<unknown>();
  let level: unknown[] = [error];
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const link of level) {
      if (links.length >= MAX_LINKS) return links;
      if (isObjectLike(link)) {
        if (seen.has(link)) continue;
        seen.add(link);
      }
      links.push(link);
      if (!isObjectLike(link)) continue;
      const cause = readProp(link, 'cause');
      if (cause !== undefined) next.push(cause);
      // An aborted AbortSignal handed over as is: what matters is its reason.
      if (readProp(link, 'aborted') === true && typeof readProp(link, 'throwIfAborted') === 'function') {
        const reason = readProp(link, 'reason');
        if (reason !== undefined) next.push(reason);
      }
      const errors = readProp(link, 'errors');
      if (Array.isArray(errors)) {
        try {
          for (const inner of errors.slice(0, MAX_LINKS)) next.push(inner);
        } catch {
          // a Proxy that refuses to be sliced: skip its inner errors
        }
      }
    }
    level = next;
  }
  return links;
}
