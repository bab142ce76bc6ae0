// What an exported function does with the batch records (or failures) it is handed, as facts its importers'
// batch handlers ask of it across modules: it refuses more than one record (batchSingleHelpers.ts), or it
// builds the `{ batchItemFailures }` answer from them (batchAnswerHelpers.ts).
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersItemsFromArg } from './batchAnswerHelpers.js';
import { refusesBatchArg } from './batchSingleHelpers.js';

/**
 * The batch facts of one exported function, each asked only of a module whose text can hold it.
 * @example
 * batchArgFacts(ctx, fn) // { answersItems: true } for (data) => ({ batchItemFailures: data.map(...) })
 */
export function batchArgFacts(ctx: ModuleContext, fn: Node): { refusesBatch?: true; answersItems?: true } {
  const refuses = ctx.spells('.length') && refusesBatchArg(fn);
  const answers = ctx.spells('batchItemFailures') && answersItemsFromArg(ctx, fn);
  return {
    ...(refuses ? { refusesBatch: true as const } : {}),
    ...(answers ? { answersItems: true as const } : {}),
  };
}
