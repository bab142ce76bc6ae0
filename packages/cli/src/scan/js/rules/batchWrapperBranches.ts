// swallowed-error for a batch sent through a project's wrapper: the branch that only logs its failed entries.
// Apart from partialBatch.ts, which judges batches a function sends itself.
import { contains, type Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { DISTINCT_FIELDS, FAILURE_FIELD, V2_METHODS } from './batchApis.js';
import { isLogCall } from './catchFacts.js';
import type { Report } from './Report.js';

/** The v3 batch commands whose answers carry failed entries (batchApis.ts). */
export const BATCH_COMMANDS = Object.keys(FAILURE_FIELD);
const sendsV2Batch = (text: string) =>
  text.includes('.promise(') && V2_METHODS.some((m) => text.includes(`.${m}(`));

const FIELD_WORD = new RegExp(`\\b(${DISTINCT_FIELDS.join('|')})\\b`);

/**
 * A branch that only logs the failed entries of a batch sent elsewhere (through a project's wrapper,
 * `const { success, result } = await ddb.batchWrite(...)`, then `else logger.warn(result.UnprocessedItems)`):
 * the function goes on as if the batch were written. Functions that send the command themselves are
 * judged from the command (partialBatch.ts).
 * @example
 * loggedOnlyBranches(ctx, report, aggregatedBatchCalls(ctx)); // reports `else logger.warn(result.UnprocessedItems)`
 */
export function loggedOnlyBranches(ctx: ModuleContext, report: Report, aggregated: readonly Node[]): void {
  const seen = new Set<Node>();
  for (const statement of ctx.of('ExpressionStatement')) {
    if (!isLogCall(statement)) continue;
    const parent = ctx.parentOf(statement);
    const branch = parent?.type === 'BlockStatement' ? parent : statement;
    const n = ctx.parentOf(branch);
    if (n?.type !== 'IfStatement' || n.test === branch || seen.has(branch)) continue;
    seen.add(branch);
    const statements = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
    if (!statements.every((s) => isLogCall(s))) continue;
    if (!FIELD_WORD.test(ctx.source.slice(branch.start, branch.end))) continue;
    const scope = (ctx.enclosingFunction(n)?.body as Node | undefined) ?? ctx.program;
    const text = ctx.source.slice(scope.start, scope.end);
    if (BATCH_COMMANDS.some((c) => text.includes(`new ${c}`)) || sendsV2Batch(text)) continue;
    if (aggregated.some((call) => contains(scope, call))) continue;
    report(
      'swallowed-error',
      statements[0] as Node,
      'the failed entries of a batch write are only logged: the function goes on as if they were written, so they are lost',
    );
  }
}
