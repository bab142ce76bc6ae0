// swallowed-error: a project function that answers its failure as a value (`return new Error(...)`, fp-ts
// `left(...)`, neverthrow `err(...)`) hands the failure to its caller to read. A caller that awaits the call
// as a statement (`await api.createItem(database, item)`) drops the answer: the failure is lost, and the
// code after it (a `201 Created`, the next item counted as created) runs as if the work was done. A module's
// own function is judged here; an imported one through the project pass (ExportFact.failureValue).
import { isFunction } from '../ast.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { importedCallee } from '../resultUse.js';
import { mayReport } from '../ruleGate.js';
import { awaitedStatementCalls } from './errorValues.js';
import { returnsFailureValue } from './queueErrorValues.js';
import type { Report } from './Report.js';

/** Words a module must hold for a call here to be judged: an await, and a name to look up. */
const AWAITS = /\bawait\s/;

/**
 * @example
 * droppedFailureValueRules(ctx, report) // `await api.createItem(db, item);` where createItem may `return new Error(...)`
 */
export function droppedFailureValueRules(ctx: ModuleContext, report: Report): void {
  // Only in a module the rule gate admits (a catch, a handler, I/O of its own): reading every module's
  // awaits would take the deferred ones out of deferral, and the gate must admit any module a rule reports in.
  if (!AWAITS.test(ctx.source) || !mayReport(ctx.source)) return;
  for (const { statement, callee } of awaitedStatementCalls(ctx)) {
    const message = (name: string) =>
      `${name}() answers its failure as a value (an Error or a Left), and this statement awaits it and drops the answer: the failure is lost and the code goes on as if the work was done`;
    const imported = importedCallee(ctx, callee);
    if (imported?.name !== undefined && isProjectSource(imported.source)) {
      report('swallowed-error', statement, message(imported.name), {
        onlyIfImportFailureValue: { from: ctx.file, source: imported.source, name: imported.name },
      });
      continue;
    }
    const local = callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
    if (local !== undefined && isFunction(local) && returnsFailureValue(local))
      report('swallowed-error', statement, message(callee?.name as string));
  }
}
