// The AWS batch APIs that answer success while some of their entries failed, and the field of the answer
// that lists (or counts) those entries: rules/partialBatch.ts and rules/batchWrappers.ts judge whether
// anyone reads it. Reads are batches too: BatchGetItem answers the keys it did not read in UnprocessedKeys
// (under throttling, or past 16 MB), and S3 DeleteObjects lists the keys it failed to delete in Errors
// (with `Quiet: true` that list is all the answer holds). Secrets Manager's BatchGetSecretValue answers the
// secrets it could not read (throttled, not granted) in Errors beside the SecretValues it did.

/** v3 command -> the result field that lists (or counts) the entries that failed. */
export const FAILURE_FIELD: Readonly<Record<string, string>> = {
  SendMessageBatchCommand: 'Failed',
  PublishBatchCommand: 'Failed',
  PutEventsCommand: 'FailedEntryCount',
  PutRecordsCommand: 'FailedRecordCount',
  PutRecordBatchCommand: 'FailedPutCount',
  BatchWriteItemCommand: 'UnprocessedItems',
  // The DynamoDB document client's BatchWriteItem (@aws-sdk/lib-dynamodb) answers the same way.
  BatchWriteCommand: 'UnprocessedItems',
  BatchGetItemCommand: 'UnprocessedKeys',
  BatchGetCommand: 'UnprocessedKeys',
  DeleteObjectsCommand: 'Errors',
  BatchGetSecretValueCommand: 'Errors',
};

/** The same APIs on an aws-sdk v2 client (`sqs.sendMessageBatch(params).promise()`, the document client's `batchWrite`). */
export const V2_FAILURE_FIELD: Readonly<Record<string, string>> = {
  sendMessageBatch: 'Failed',
  publishBatch: 'Failed',
  putEvents: 'FailedEntryCount',
  putRecords: 'FailedRecordCount',
  putRecordBatch: 'FailedPutCount',
  batchWriteItem: 'UnprocessedItems',
  batchWrite: 'UnprocessedItems',
  batchGetItem: 'UnprocessedKeys',
  batchGet: 'UnprocessedKeys',
  deleteObjects: 'Errors',
  batchGetSecretValue: 'Errors',
};

/**
 * Fields distinctive enough to find a batch's leftovers by name in code that does not send the batch
 * itself: `Failed` and `Errors` name too many other things.
 */
export const DISTINCT_FIELDS: readonly string[] = [...new Set(Object.values(FAILURE_FIELD))].filter(
  (f) => f !== 'Failed' && f !== 'Errors',
);

/**
 * The answer carries data beside its leftovers (`out.Responses`, `out.SecretValues`, an Invoke's `Payload`),
 * so reading that data is not looking at the failures; a write's or a delete's answer is all outcome.
 * @example
 * answersData('Errors', 'BatchGetSecretValue'); // true
 * answersData('Errors', 'DeleteObjects');       // false
 */
export const answersData = (field: string, what: string): boolean =>
  field === 'UnprocessedKeys' ||
  field === 'FunctionError' ||
  // RunTask answers its started tasks beside `failures`: reading `tasks` with more than one asked for, or
  // `$metadata`, is no look at the failures (a read of `tasks` for one task is runTaskResult.ts tasksRead).
  field === 'failures' ||
  /^batchGetSecretValue$/i.test(what);

/** The v2 method names, as rules/partialBatch.ts looks for them. */
export const V2_METHODS: readonly string[] = Object.keys(V2_FAILURE_FIELD);

/**
 * Words without which rules/partialBatch.ts reports nothing outside a v3 command send: a distinct
 * failure field (a branch that only logs it) or a v2 request made a promise. One predicate for the rule
 * and the pre-parse gate (ruleGate.ts), which must admit every module the rule can report in: a helper
 * sending `this.ddb.batchWrite(params).promise()` on a client handed in has no other word the gate knows,
 * and was skipped (its finding lost, and shown only where the gate is off).
 * @example
 * batchWordsIn((w) => 'await ddb.batchWrite(p).promise()'.includes(w)); // true
 */
export function batchWordsIn(includes: (word: string) => boolean): boolean {
  // A v3 aggregated client answers a promise without `.promise()` (rules/batchAggregated.ts).
  return (
    DISTINCT_FIELDS.some(includes) ||
    ((includes('.promise(') || includes('@aws-sdk/')) && V2_METHODS.some(includes))
  );
}

/** Lambda's Invoke (rules/invokeResult.ts) answers 200 with `FunctionError` set when the function failed. */
const INVOKE = /^invoke$/i;
/** ECS RunTask (rules/runTaskResult.ts) answers 200 with the tasks it could not start in `failures`. */
const RUN_TASK = /^runTask$/i;

/**
 * `what` is a single call whose answer carries its own failure (Invoke, RunTask), not a batch: the
 * importer-side judgement of a thin wrapper (rules/batchWrappers.ts) covers batch commands only, so such a
 * wrapper is still judged at its send.
 */
export const answersFailureInside = (what: string): boolean => INVOKE.test(what) || RUN_TASK.test(what);

/**
 * How a message opens for the API `what`: a batch answers success with failed entries, an Invoke answers 200.
 * @example
 * answersSuccess('PutEvents'); // 'PutEvents answers success even when entries fail'
 */
export const answersSuccess = (what: string): string =>
  INVOKE.test(what)
    ? `${what} answers 200 even when the invoked function fails`
    : RUN_TASK.test(what)
      ? `${what} answers 200 even when ECS could not start the task`
      : `${what} answers success even when entries fail`;

/**
 * What is lost when nobody reads the failure field of `what`'s answer.
 * @example
 * lostWhat('Invoke'); // 'so its failure is lost'
 */
export const lostWhat = (what: string): string =>
  INVOKE.test(what)
    ? 'so its failure is lost'
    : RUN_TASK.test(what)
      ? 'so a task that never started passes for one that runs'
      : 'so those entries are lost';
