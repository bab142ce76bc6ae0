// swallowed-error for batch APIs that answer success while some entries failed (SQS SendMessageBatch,
// SNS PublishBatch, EventBridge PutEvents, Kinesis PutRecords, Firehose PutRecordBatch, DynamoDB
// BatchWriteItem and BatchGetItem, S3 DeleteObjects, Secrets Manager BatchGetSecretValue: rules/batchApis.ts), sent as a v3 command or a v2 `client.method(params).promise()`: a result that is
// discarded, only logged, or whose failed entries are only logged, loses them.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { aggregatedBatchCalls } from './batchAggregated.js';
import { onlyServed } from './batchAnswerBody.js';
import {
  answersData,
  answersFailureInside,
  answersSuccess,
  batchWordsIn,
  DISTINCT_FIELDS,
  FAILURE_FIELD,
  lostWhat,
  V2_FAILURE_FIELD,
  V2_METHODS,
} from './batchApis.js';
import { collectedBy } from './batchCollected.js';
import { entryAnswering } from './batchEntryAnswer.js';
import { loggedTestAt, onlyLogged, sendLines, sendOfAnchor } from './batchLogged.js';
import { deletedAfterMove } from './batchMovedAfter.js';
import { callersDiscard, exportedOwner } from './batchOwners.js';
import { judgedAtCallers } from './batchPassThrough.js';
import { onlyOtherFields, onlyPrinted, printedOrReturned } from './batchResultUse.js';
import { sendOf, sendsOfVariable } from './batchSends.js';
import { thenDropsAnswer } from './batchThen.js';
import { BATCH_COMMANDS, loggedOnlyBranches } from './batchWrapperBranches.js';
import { recordsSuccessAfter } from './catchAfter.js';
import { selectsOwnWork } from './catchExemptions.js';
import { returnedName } from './errorValues.js';
import { onlyHints } from './hintEvents.js';
import { callersOnlyPrint } from './printedAnswerCallers.js';
import type { Report, Rule } from './Report.js';

/**
 * The answer is handed back whole by an exported function (`console.log(response); return response`):
 * kept when a caller in the project awaits that function and drops what it returns (droppedResults.ts).
 */
function handedBack(
  ctx: ModuleContext,
  report: Report,
  at: Node,
  sent: Node,
  field: string,
  what: string,
): void {
  const fn = exportedOwner(ctx, ctx.enclosingFunction(sent));
  const name = fn === undefined ? undefined : returnedName(ctx, fn);
  if (name === undefined) return;
  // A thin wrapper is silent here only once an importer's call is kept as the finding (batchPassThrough.ts).
  // Only a batch API's wrapper has importer calls judged (batchWrappers.ts): an Invoke or RunTask wrapper stays here.
  const batch = FAILURE_FIELD[`${what}Command`] !== undefined || V2_FAILURE_FIELD[what] !== undefined;
  const atCallers =
    batch && !answersFailureInside(what) && judgedAtCallers(ctx, fn as Node, sent, field, name);
  report(
    'swallowed-error',
    at,
    `${answersSuccess(what)}: ${name}() hands the result back and a caller drops it unread, so ${field} is never looked at`,
    { onlyIfResultDropped: [name], ...(atCallers ? { unlessBatchCallerKept: name } : {}) },
  );
}

/** Judges one sent batch (`at` is where the finding goes, `sent` the awaited send climbed to its parent). */
export function judgeBatch(
  ctx: ModuleContext,
  report: Report,
  at: Node,
  alone: { node: Node; parent: Node | undefined },
  field: string,
  what: string,
): void {
  // Sent once per chunk and awaited together: the answers are those of the `Promise.all`.
  const sent = collectedBy(ctx, alone) ?? alone;
  if (thenDropsAnswer(ctx, sent, field, answersData(field, what))) {
    report(
      'swallowed-error',
      at,
      `${answersSuccess(what)}: a .then() callback takes its result without acting on ${field}, ${lostWhat(what)}`,
    );
    return;
  }
  if (sent.parent?.type === 'ExpressionStatement' && sent.node.type === 'AwaitExpression') {
    report(
      'swallowed-error',
      at,
      `${answersSuccess(what)}: its result (${field}) is discarded, ${lostWhat(what)}`,
    );
    return;
  }
  if (sent.parent?.type === 'ReturnStatement' && callersDiscard(ctx, sent.node)) {
    report(
      'swallowed-error',
      at,
      `${answersSuccess(what)}: the result goes back to callers that all discard it, so ${field} is never looked at`,
    );
    return;
  }
  const printed = sent.parent?.type === 'ReturnStatement' ? callersOnlyPrint(ctx, sent.node) : undefined;
  if (printed !== undefined) {
    report(
      'swallowed-error',
      at,
      `${answersSuccess(what)}: the result goes back to callers that only log it, so ${field} is never looked at`,
      printed.entries.length > 0 ? { onlyIfAnswerUnread: printed.entries } : undefined,
    );
    return;
  }
  const entries = entryAnswering(ctx, sent);
  if (entries.length > 0) {
    report(
      'swallowed-error',
      at,
      `${answersSuccess(what)}: the handler returns the result as its own answer, which a queue, stream or asynchronous invoker never reads, so ${field} is never looked at`,
      { onlyIfAnswerUnread: entries },
    );
    return;
  }
  // An arrow's expression body is its answer (`(d) => sqs.send(cmd)`), handed back as a returned one is.
  const arrowBody = sent.parent?.type === 'ArrowFunctionExpression' && sent.parent.body === sent.node;
  if (sent.parent?.type === 'ReturnStatement' || arrowBody) {
    handedBack(ctx, report, at, sent.node, field, what);
    return;
  }
  if (sent.parent?.type !== 'VariableDeclarator' || sent.node.type !== 'AwaitExpression') return;
  const scope = (ctx.enclosingFunction(sent.node)?.body as Node | undefined) ?? ctx.program;
  const id = sent.parent.id as Node;
  let reference: RegExp;
  // The answer's variable (or the destructured field), whose every later reference must be printed for a
  // log line to count as the only read.
  let answer: { name: string; after: number } | undefined;
  if (id.type === 'Identifier') {
    const v = (id.name as string).replace(/[$]/g, '\\$');
    const after = ctx.source.slice(sent.parent.end, scope.end);
    // Returned or handed on whole: the caller may look at the failures; only printed, nobody does.
    if (!new RegExp(`\\b${v}\\s*(\\?\\.|\\.)\\s*${field}\\b`).test(after)) {
      const printed = onlyPrinted(ctx, scope, id.name as string, sent.parent.end);
      const served = !printed && onlyServed(ctx, scope, id.name as string, sent.parent.end);
      const used = new RegExp(`\\b${v}\\b`).test(after);
      // A batch read answers its data in another field (`out.Responses`), so reading that is not looking
      // at the leftovers; a write's or a delete's answer is all outcome, and reading any of it is looking.
      const readsData = answersData(field, what);
      if (
        !printed &&
        !served &&
        used &&
        !(readsData && onlyOtherFields(ctx, scope, id.name as string, field, sent.parent.end))
      ) {
        if (printedOrReturned(ctx, scope, id.name as string, sent.parent.end))
          handedBack(ctx, report, at, sent.node, field, what);
        return;
      }
      report(
        'swallowed-error',
        at,
        printed
          ? `${answersSuccess(what)}: the result is only logged and ${field} never looked at, ${lostWhat(what)}`
          : served
            ? `${answersSuccess(what)}: the result is only serialised into a success answer and ${field} never looked at, ${lostWhat(what)}`
            : `${answersSuccess(what)}: ${field} is never looked at, ${lostWhat(what)}`,
      );
      return;
    }
    reference = new RegExp(`\\b${v}\\s*(\\?\\.|\\.)\\s*${field}\\b`);
    answer = { name: id.name as string, after: sent.parent.end };
  } else if (id.type === 'ObjectPattern' && ctx.source.slice(id.start, id.end).includes(field)) {
    reference = new RegExp(`\\b${field}\\b`);
    answer = { name: field, after: sent.parent.end };
  } else {
    // `const { Responses } = await ...`: the answer is taken apart and the leftovers left behind.
    const props = id.type === 'ObjectPattern' ? (id.properties as Node[]) : [];
    if (props.length > 0 && props.every((p) => p.type === 'Property'))
      report(
        'swallowed-error',
        at,
        `${answersSuccess(what)}: only other fields of its result are taken, ${field} is never looked at, ${lostWhat(what)}`,
      );
    return;
  }
  if (!onlyLogged(ctx, scope, reference, answer)) return;
  // At the `if` that tests the failures and only logs them, the line to change; an ignore at the send still counts.
  const test = loggedTestAt(ctx, scope, reference, { at, ...answer });
  report(
    'swallowed-error',
    test ?? at,
    `${answersSuccess(what)}: the failed entries (${field}) are only logged, ${lostWhat(what)}`,
    test === undefined ? undefined : { ignoredAlsoAt: sendLines(ctx, at, sent.parent) },
  );
}

/**
 * A job that selects its own work each run (catchExemptions.ts selectsOwnWork) leaves an entry that failed where
 * the run found it, and the next run sends it again: that is the retry, as for a catch that only logs.
 * Only the job's own module is judged so: a helper module's batch can be reached by a job that does not
 * select its work again (a one-off seed upload), and a handler given an event alike. A job that records its
 * own success after the unread answer (catchAfter.ts recordsSuccessAfter), or deletes what it wrote from where it
 * selected it (batchMovedAfter.ts), is judged like any other code.
 */
export const partialBatchRules: Rule = (ctx: ModuleContext, given: Report) => {
  // Unless the run then records its own success (a flag a later write waits on): nothing brings it back.
  const report: Report = selectsOwnWork(ctx)
    ? (rule, node, message, extra) => {
        const sent = sendOfAnchor(node);
        if (recordsSuccessAfter(ctx, sent) || deletedAfterMove(ctx, sent)) given(rule, node, message, extra);
      }
    : given;
  // Plain-text checks: an alternation regular expression over every large file costs more.
  // The two entries below are batchWordsIn's words, which the pre-parse gate admits modules by.
  const has = (word: string) => ctx.spells(word);
  if (!batchWordsIn(has) && !BATCH_COMMANDS.some(has)) return;
  // Found once: the walk over every call of the module is shared by both uses below.
  const aggregated = aggregatedBatchCalls(ctx);
  if (DISTINCT_FIELDS.some(has))
    loggedOnlyBranches(
      ctx,
      report,
      aggregated.map((a) => a.call),
    );
  if (has('.promise(') && V2_METHODS.some(has)) {
    for (const call of ctx.of('CallExpression')) {
      // `client.putEvents(params).promise()`: the v2 request, made a promise.
      if (calleeName(call) !== 'promise' || call.arguments.length > 0) continue;
      const request = unwrap(unwrap(call.callee)?.object);
      const method = request?.type === 'CallExpression' ? calleeName(request) : undefined;
      const field = method === undefined ? undefined : V2_FAILURE_FIELD[method];
      if (field === undefined || unwrap(request?.callee)?.type !== 'MemberExpression') continue;
      if (method === 'putEvents' && onlyHints(ctx, (request?.arguments as Node[] | undefined)?.[0])) continue;
      const sent = ctx.climb(
        call,
        (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
      );
      judgeBatch(ctx, report, request as Node, sent, field, method as string);
    }
  }
  for (const { call, field, method } of aggregated) {
    if (method === 'putEvents' && onlyHints(ctx, (call.arguments as Node[])[0])) continue;
    const sent = ctx.climb(call, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
    judgeBatch(ctx, report, call, sent, field, method);
  }
  if (!BATCH_COMMANDS.some(has)) return;
  const judged = new Set<Node>();
  for (const command of ctx.of('NewExpression')) {
    const name = unwrap(command.callee)?.name as string | undefined;
    const field = name === undefined ? undefined : FAILURE_FIELD[name];
    if (field === undefined) continue;
    const what = name?.replace(/Command$/, '') ?? '';
    if (what === 'PutEvents' && onlyHints(ctx, (command.arguments as Node[])[0])) continue;
    const sent = sendOf(ctx, command);
    if (sent !== undefined) {
      judgeBatch(ctx, report, command, sent, field, what);
      continue;
    }
    // `const command = new PutEventsCommand(...)`, later `await client.send(command)`: judged at the send.
    for (const send of sendsOfVariable(ctx, command)) {
      if (judged.has(send)) continue;
      judged.add(send);
      const climbed = ctx.climb(
        send,
        (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
      );
      judgeBatch(ctx, report, send, climbed, field, what);
    }
  }
};
