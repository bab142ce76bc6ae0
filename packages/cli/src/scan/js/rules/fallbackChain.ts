// swallowed-error: the first link of a fallback chain. `try { return await primary() } catch (e) { log(e) }`
// followed by a second attempt whose failure propagates (`try { return await backup() } catch (e) { log(e);
// throw e }`, or an unguarded `return await backup()`): the logged failure only sends the function on to the
// backup (a second key, region or replica), and when that fails too the caller gets the error. Nothing
// passes for success, so the log line is not a swallowed failure.
import type { Node } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { doesIo } from './catchFacts.js';

/** `return <value>`: an answer of its own, not `return`, `return null` or `return []`-like defaults. */
function returnsAnswer(s: Node | undefined): boolean {
  return s?.type === 'ReturnStatement' && s.argument != null && !isDefaultValue(s.argument);
}

/** A try that answers on success and whose catch ends by throwing: the backup's failure reaches the caller. */
function guardedBackup(s: Node): boolean {
  if (s.type !== 'TryStatement' || s.handler == null || s.finalizer != null) return false;
  const handled = ((s.handler as Node).body as Node).body as Node[];
  return (
    returnsAnswer(((s.block as Node).body as Node[]).at(-1)) && handled.at(-1)?.type === 'ThrowStatement'
  );
}

/**
 * The try returns its answer on success, and what follows it in its block is a backup attempt that does
 * I/O and either answers or throws: a guarded one whose catch rethrows, or statements with no try at all
 * ending in a return of an answer.
 */
export function fallsToBackup(ctx: ModuleContext, tryStatement: Node): boolean {
  if (!returnsAnswer(((tryStatement.block as Node).body as Node[]).at(-1))) return false;
  const block = ctx.parentOf(tryStatement);
  if (block?.type !== 'BlockStatement') return false;
  const statements = block.body as Node[];
  const rest = statements.slice(statements.indexOf(tryStatement) + 1);
  const [next] = rest;
  if (next === undefined) return false;
  if (next.type === 'TryStatement') return guardedBackup(next) && doesIo(ctx, next.block as Node);
  return (
    !rest.some((s) => s.type === 'TryStatement') &&
    returnsAnswer(rest.at(-1)) &&
    rest.some((s) => doesIo(ctx, s))
  );
}
