// swallowed-error: a log line guarded against its own failure is still only a log line. A catch that prints
// the error through `JSON.stringify` (which throws on a circular error object) often wraps that print in a
// try of its own, `try { console.error(JSON.stringify(error)) } catch { /* ignore */ }`: the guard changes
// nothing about what happens to the failure, so the outer catch only observes it, as one with a bare log.
import type { Node } from '../ast.js';

/**
 * A try statement whose block only observes (by `observes`) and whose catch and finally do nothing more: an
 * empty catch, or one that only observes too. A try that does work, rethrows or returns is not one.
 *
 * @example
 * guardedObservation(tryNode, isObservation) // try { log(JSON.stringify(e)) } catch { } -> true
 */
export function guardedObservation(node: Node, observes: (n: Node | null | undefined) => boolean): boolean {
  if (node.type !== 'TryStatement') return false;
  const block = node.block as Node;
  const handler = node.handler as Node | null;
  const finalizer = node.finalizer as Node | null;
  const statements = block.body as Node[];
  if (statements.length === 0 || !statements.every((s) => observes(s))) return false;
  if (handler != null && !observes(handler.body as Node)) return false;
  return finalizer == null || observes(finalizer);
}
