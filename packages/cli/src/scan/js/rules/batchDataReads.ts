// swallowed-error across modules: a project's batch-read wrapper (`batchGet: async (keys, table) =>
// docClient.send(new BatchGetCommand(...))`, a method of an exported object or a function) whose caller
// reads the answer only for its data (`(await db.batchGet(keys, table)).Responses[table]`). The keys
// DynamoDB did not read under throttling are in `UnprocessedKeys`, beside the data: a caller that takes
// `Responses` alone takes part of the items for all of them, as a direct send read so would
// (rules/batchResultUse.ts). A write's answer read at all counts as looked at, so only reads are kept.
import { type Node, propertyName, unwrap } from '../ast.js';
import type { Candidate } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The batch APIs whose answer holds the data read beside the keys left unread. */
const BATCH_READ = /^batchGet(Item)?$/i;

/** The data field of a batch read's answer. */
const DATA_FIELD = 'Responses';

/**
 * The awaited call's answer is read at once for its data only: `(await db.batchGet(keys, t)).Responses`.
 *
 * @example
 * readsOnlyData(ctx, awaitNode) // (await db.batchGet(keys, table)).Responses[table] -> true
 */
export function readsOnlyData(ctx: ModuleContext, awaited: Node): boolean {
  const { parent } = ctx.climb(awaited, (p) => p.type === 'ParenthesizedExpression');
  return (
    parent?.type === 'MemberExpression' &&
    unwrap(parent.object as Node) === awaited &&
    propertyName(parent.property as Node, parent.computed as boolean) === DATA_FIELD
  );
}

/**
 * Is the import's answer a batch API's left unread for this caller: any batch answer, or, for a caller that
 * reads only the data, a batch read's.
 *
 * @example
 * batchAnswerUnread({ ref, dataOnly: true }, { what: 'BatchGet', field: 'UnprocessedKeys' }) // true
 */
export function batchAnswerUnread(
  want: NonNullable<Candidate['onlyIfImportBatchResult']>,
  found: { what: string; field: string } | undefined,
): boolean {
  if (found === undefined) return false;
  return want.dataOnly !== true || BATCH_READ.test(found.what);
}
