// swallowed-error across modules: a project's own wrapper around a batch API (`exports.putRecordBatch =
// async (records, stream) => { ...; return await firehose.send(new PutRecordBatchCommand(...)); }`) hands
// the API's answer back unread, and the caller in another module discards it or only prints it. The
// failed entries are in that answer (the API answers success while some entries failed), so nobody looks.
import { calleeName, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { exportsReaching } from '../handlerImports.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { importedCallee } from '../resultUse.js';
import { SourceWords } from '../SourceWords.js';
import { lastTextMemo } from '../textMemo.js';
import { aggregatedBatchCalls } from './batchAggregated.js';
import { FAILURE_FIELD, V2_FAILURE_FIELD } from './batchApis.js';
import { answerReturnedBy, answersWholeFailure } from './batchCollected.js';
import { readsOnlyData } from './batchDataReads.js';
import { droppingFanOut, firstOfKind } from './batchFanOut.js';
import { sendOf, sendsOfVariable } from './batchSends.js';
import { isLogCall } from './catchFacts.js';
import type { Report, Rule } from './Report.js';

/** What an export hands back: the answer of this batch API, with its failure field never read. */
export interface BatchResultFact {
  readonly what: string;
  readonly field: string;
}

/**
 * The batch answer a function returns unread: the send is returned (`return await client.send(cmd)`),
 * stored in a name whose only later use is `return name`, or gathered over chunks and merged into what it
 * returns (batchCollected.ts); the failure field is at most carried along.
 *
 * @example
 * batchResultOf(ctx, fn, sends) // return await firehose.send(new PutRecordBatchCommand(p)) -> { what: 'PutRecordBatch', field: 'FailedPutCount' }
 */
export function batchResultOf(
  ctx: ModuleContext,
  fn: Node,
  sends: readonly { send: Node; what: string; field: string }[],
): BatchResultFact | undefined {
  for (const { send, what, field } of sends)
    if (answerReturnedBy(ctx, send, field) === fn) return { what, field };
  return undefined;
}

const COMMANDS = Object.keys(FAILURE_FIELD);
const V2_CALLS = Object.keys(V2_FAILURE_FIELD).map((m) => `.${m}(`);

/**
 * Words without which a module sends no batch API call. Asked twice of each analysed module (its export
 * facts, ownedBatchWrapperRules): remembered for the last text.
 */
export const mayBatch = lastTextMemo((source: string): boolean => {
  const words = SourceWords.of(source);
  return (
    COMMANDS.some((c) => words.includes(c)) ||
    // v2's `.putEvents(p).promise()`, or a v3 aggregated client's `.putEvents(p)` (batchAggregated.ts).
    ((words.includes('.promise(') || words.includes('@aws-sdk/')) && V2_CALLS.some((m) => words.includes(m)))
  );
});

/**
 * Every batch API call the module sends: the send (the v2 `.promise()` call, the v3 aggregated client's own
 * call), the API, its failure field.
 */
export function batchSends(ctx: ModuleContext): { send: Node; what: string; field: string }[] {
  const out: { send: Node; what: string; field: string }[] = [];
  for (const command of ctx.of('NewExpression')) {
    const name = unwrap(command.callee)?.name as string | undefined;
    const field = name === undefined ? undefined : FAILURE_FIELD[name];
    if (field === undefined) continue;
    const what = (name as string).replace(/Command$/, '');
    const direct = sendOf(ctx, command);
    const call = direct === undefined ? undefined : ctx.parentOf(command);
    if (call !== undefined) out.push({ send: call, what, field });
    else for (const send of sendsOfVariable(ctx, command)) out.push({ send, what, field });
  }
  // `eventBridge.putEvents(p)` on a v3 aggregated client: the request is the call itself.
  for (const { call, field, method } of aggregatedBatchCalls(ctx))
    out.push({ send: call, what: method, field });
  if (!ctx.spells('.promise(')) return out;
  for (const call of ctx.of('CallExpression')) {
    if (call.arguments.length > 0 || unwrap(call.callee)?.type !== 'MemberExpression') continue;
    if (propertyName(unwrap(call.callee)?.property) !== 'promise') continue;
    const request = unwrap(unwrap(call.callee)?.object);
    const method =
      request?.type === 'CallExpression' ? propertyName(unwrap(request.callee)?.property) : undefined;
    const field = method === undefined ? undefined : V2_FAILURE_FIELD[method];
    if (field !== undefined) out.push({ send: call, what: method as string, field });
  }
  return out;
}

/**
 * An exported class's methods that hand back a batch answer unread (`class FeedProducer { async
 * writeToStream(data) { return this.stream.send(new PutRecordsCommand(...)); } }`).
 */
export function batchMethodsOf(
  ctx: ModuleContext,
  value: Node,
  sends: readonly { send: Node; what: string; field: string }[],
): Record<string, BatchResultFact> | undefined {
  const binding = value.type === 'Identifier' ? ctx.resolve(value.name as string, value) : undefined;
  const cls = binding?.kind === 'class' ? binding.declaration : value;
  if (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') return undefined;
  const out: Record<string, BatchResultFact> = {};
  for (const member of (cls.body as Node).body as Node[]) {
    const name = member.type === 'MethodDefinition' ? propertyName(member.key, member.computed) : undefined;
    const fact = name === undefined ? undefined : batchResultOf(ctx, member.value as Node, sends);
    if (fact !== undefined) out[name as string] = fact;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `new Imported(...)`, directly or through a name bound to it: the imported class. */
function importedClass(
  ctx: ModuleContext,
  node: Node | undefined,
): { source: string; name: string } | undefined {
  const v = ctx.valueOf(node);
  const callee = v?.type === 'NewExpression' ? unwrap(v.callee) : undefined;
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  return imp === undefined || imp.imported === '*' ? undefined : { source: imp.source, name: imp.imported };
}

/** A call of a function (or of a class's method) imported from the project, and what it is. */
export function importedCall(
  ctx: ModuleContext,
  call: Node,
): { ref: ImportRef; method?: string } | undefined {
  const callee = unwrap(call.callee);
  let source: string | undefined;
  let name: string | undefined;
  let method: string | undefined;
  const cls = callee?.type === 'MemberExpression' ? importedClass(ctx, callee.object as Node) : undefined;
  if (cls !== undefined) {
    [source, name] = [cls.source, cls.name];
    method = propertyName(callee?.property, callee?.computed as boolean);
    if (method === undefined) return undefined;
  } else {
    ({ source, name } = importedCallee(ctx, callee) ?? {});
  }
  if (source === undefined || name === undefined) return undefined;
  if (!isProjectSource(source)) return undefined;
  return { ref: { from: ctx.file, source, name }, ...(method !== undefined ? { method } : {}) };
}

/** Every later mention of `name` in the function is inside a log call. */
function onlyPrinted(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  const mention = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  const text = ctx.source.slice(after, scope.end);
  const mentions = [...text.matchAll(mention)];
  if (mentions.length === 0) return true;
  // Cheap reject: a mention on a line with no logger on it is a real use.
  for (const m of mentions) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    const end = text.indexOf('\n', m.index);
    if (!/\b(console|logger|log)\b/i.test(text.slice(start, end === -1 ? undefined : end))) return false;
  }
  let printed = 0;
  for (const statement of ctx.of('ExpressionStatement')) {
    if (statement.start < after || statement.end > scope.end || !isLogCall(statement)) continue;
    printed += ctx.source.slice(statement.start, statement.end).match(mention)?.length ?? 0;
  }
  return printed === mentions.length;
}

/** A test of an error-as-value's tag (`isLeft(r)`, `r.isErr()`) or a read of its error side (`r.left`). */
const TAG_TEST = /^(is(Left|Right|Err|Ok|Error|Failure|Success))$/;
const ERROR_SIDE = /^(left|error|err|_tag|ok|success|isErr|isOk|isLeft|isRight)$/;

/**
 * Every later mention of `name` only asks whether the call as a whole failed (`if (isLeft(result))`,
 * `result.left` in the log line): the answer it carries on success is never opened.
 */
function onlyTagChecked(ctx: ModuleContext, scope: Node, name: string, after: number): boolean {
  let mentions = 0;
  const opened = someDescendant(scope, (n) => {
    if (n.type !== 'Identifier' || n.name !== name || n.start < after) return false;
    mentions++;
    const parent = ctx.parentOf(n);
    if (parent?.type === 'CallExpression' && parent.callee !== n)
      return !TAG_TEST.test(calleeName(parent) ?? '');
    if (parent?.type === 'MemberExpression' && parent.object === n && !parent.computed)
      return !ERROR_SIDE.test(propertyName(parent.property) ?? '');
    return true;
  });
  return mentions > 0 && !opened;
}

/**
 * Calls of project imports whose awaited answer is discarded or only printed: candidates kept when the
 * import turns out to hand back a batch API's answer unread (project.ts, `onlyIfImportBatchResult`).
 */
export const importedBatchRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (ctx.projectImports.size === 0) return;
  for (const call of ctx.of('CallExpression')) {
    const awaited = ctx.parentOf(call);
    if (awaited?.type !== 'AwaitExpression') {
      fannedOut(ctx, report, call);
      continue;
    }
    const parent = ctx.parentOf(awaited);
    const dataOnly = readsOnlyData(ctx, awaited);
    if (parent?.type !== 'ExpressionStatement' && parent?.type !== 'VariableDeclarator' && !dataOnly)
      continue;
    const imported = importedCall(ctx, call);
    if (imported === undefined) continue;
    let how: string | undefined;
    if (dataOnly) how = 'read only for its Responses';
    else if (parent?.type === 'ExpressionStatement') how = 'discarded';
    else if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier') {
      const scope = (ctx.enclosingFunction(call)?.body as Node | undefined) ?? ctx.program;
      if (onlyPrinted(ctx, scope, parent.id.name as string, parent.end)) how = 'only logged';
      else if (onlyTagChecked(ctx, scope, parent.id.name as string, parent.end))
        how = 'only checked for a failure of the whole call';
    }
    if (how === undefined) continue;
    report(
      'swallowed-error',
      call,
      `{batch} answers success even when entries fail, and the answer ${imported.method ?? imported.ref.name}() hands back is ${how} here: {field} is never looked at, so those entries are lost`,
      { onlyIfImportBatchResult: dataOnly ? { ...imported, dataOnly: true } : imported },
    );
  }
};

/** A wrapper call in an awaited `Promise.all([...])` statement (batchFanOut.ts): once per wrapper and fan-out. */
function fannedOut(ctx: ModuleContext, report: Report, call: Node): void {
  const array = droppingFanOut(ctx, call);
  const imported = array === undefined ? undefined : importedCall(ctx, call);
  if (array === undefined || imported === undefined) return;
  const same = (other: Node) => {
    const o = importedCall(ctx, other);
    return (
      o?.ref.source === imported.ref.source &&
      o.ref.name === imported.ref.name &&
      o.method === imported.method
    );
  };
  if (!firstOfKind(array, call, same)) return;
  report(
    'swallowed-error',
    call,
    `{batch} answers success even when entries fail, and the answers ${imported.method ?? imported.ref.name}() hands back are gathered by a Promise.all that is dropped here: {field} is never looked at, so those entries are lost`,
    { onlyIfImportBatchResult: imported },
  );
}

/**
 * A project helper that owns its callers' error contract (its try answers the whole call's failure:
 * rethrown wrapped, or returned as an error value) and hands back a batch answer, or a merge of the
 * answers of its chunks, with the failure field at most carried along: its callers are told "sent" while
 * entries failed. Reported at the send when a handler reaches the helper; a thin wrapper with no error
 * handling of its own is judged at its callers instead (importedBatchRules).
 */
export const ownedBatchWrapperRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (ctx.exports.size === 0 || !mayBatch(ctx.source)) return;
  for (const { send, what, field } of batchSends(ctx)) {
    const fn = answerReturnedBy(ctx, send, field);
    if (fn === undefined || !answersWholeFailure(ctx, fn, send)) continue;
    const exported = exportsReaching(ctx, send);
    if (exported.length === 0) continue;
    report(
      'swallowed-error',
      send,
      `${what} answers success even when entries fail: this helper answers a failure of the whole call itself but hands back ${field} unread, so its callers take a partial failure for success`,
      { onlyIfExportOnHandlerPath: exported },
    );
  }
};
