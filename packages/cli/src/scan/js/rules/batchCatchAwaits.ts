// A handler that answers `batchItemFailures` but awaits something unguarded in the catch that names a
// failed record (`catch (e) { await sns.send(new PublishCommand(alert)); failures.push({ itemIdentifier })
// }`): when that call fails (throttling, an outage of the alert topic), the error leaves the handler, Lambda
// treats the whole batch as failed, and the records already processed in it are redelivered and done again.
// AWS documents that a function error (a thrown error) fails the entire batch whatever partial answer the
// handler was building.
import { forEachDescendant, isFunction, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Extra, Report } from './Report.js';

/** Inside a try that catches it, or a call with its own `.catch(...)`: its failure stays in the handler. */
function guardedAwait(n: Node): boolean {
  const arg = n.argument as Node | undefined;
  const callee = arg?.type === 'CallExpression' ? (arg.callee as Node) : undefined;
  return callee?.type === 'MemberExpression' && (callee.property as Node)?.name === 'catch';
}

/**
 * The first await of a catch that answers a failed record (its body names `itemIdentifier`) which is not
 * itself guarded (a nested try with a catch, a `.catch(...)`): its failure throws the whole batch.
 * @example
 * unguardedFailureAwait(ctx, fn) // catch (e) { await client.send(cmd); failures.push({ itemIdentifier: r.messageId }) } -> the await
 */
export function unguardedFailureAwait(ctx: ModuleContext, fn: Node): Node | undefined {
  let found: Node | undefined;
  forEachDescendant(fn.body as Node, (n) => {
    if (found !== undefined) return false;
    if (n.type !== 'CatchClause') return undefined;
    const body = n.body as Node;
    if (!ctx.source.slice(body.start, body.end).includes('itemIdentifier')) return undefined;
    forEachDescendant(body, (m) => {
      if (found !== undefined || isFunction(m)) return false;
      // A nested try with a catch keeps its block's failures in.
      if (m.type === 'TryStatement' && m.handler != null) return false;
      if (m.type === 'AwaitExpression' && !guardedAwait(m)) found = m;
      return found === undefined;
    });
    return undefined;
  });
  return found;
}

/** Reports the await of `unguardedFailureAwait`, where the fix is (guard it, or answer the record first and log). */
export function reportFailureAwait(
  ctx: ModuleContext,
  report: Report,
  fn: Node,
  extra: Extra | undefined,
): void {
  const text = ctx.source.slice(fn.start, fn.end);
  if (!/\bcatch\b/.test(text) || !/\bawait\b/.test(text)) return;
  const at = unguardedFailureAwait(ctx, fn);
  if (at !== undefined)
    report(
      'batch-no-partial-failure',
      at,
      'an unguarded await in the catch that answers a failed record: if it throws, the whole batch is redelivered, records already processed included',
      extra,
    );
}
