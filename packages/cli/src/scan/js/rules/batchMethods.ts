// A project's service class that sends a batch command and returns the answer whole (`async
// sendBatchMessage(entries) { return await this.client.send(new SendMessageBatchCommand(...)) }`), called
// through an instance the handler is given (`config.queue.sendBatchMessage(...)`, `this.records.batchWrite(...)`).
// The declaring module records the method's name (batchAnswerMethods); a caller that drops what the call
// answers (awaited as a statement, or pushed onto an array `await Promise.all(list)` drops) is reported by
// droppedBatchMethodRules, kept only when a project module the caller imports declares that method so
// (keepCandidate.ts).
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { testSpelled } from '../SourceWords.js';
import { FAILURE_FIELD } from './batchApis.js';
import { collectedBy, type Sent } from './batchCollected.js';
import { sendOf } from './batchSends.js';
import type { Report } from './Report.js';

const COMMANDS = Object.keys(FAILURE_FIELD);
/** A method name a batch wrapper goes by: `sendBatchMessage`, `batchWrite`, `putEvents`, `deleteObjects`. */
const BATCH_NAME = /batch|putEvents|putRecords|deleteObjects/i;

/**
 * Can this module drop a batch wrapper's answer (the pre-parse gate, ruleGate.ts, admits it for this)? A
 * batch-named method call awaited or pushed onto a list.
 * @example
 * mayDropBatchCall('await this.records.batchWrite(events);'); // true
 */
export function mayDropBatchCall(source: string): boolean {
  return testSpelled(DROPPED_CALL, source, ['batch', 'putEvents', 'putRecords', 'deleteObjects']);
}

const DROPPED_CALL =
  /(?:\bawait\s+|\.push\(\s*)[\w$.?]+\.[\w$]*(?:[bB]atch|putEvents|putRecords|deleteObjects)[\w$]*\s*\(/;

const climbAwait = (ctx: ModuleContext, node: Node): Sent =>
  ctx.climb(node, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');

/**
 * `Class.method` (and `Interface.method` for each interface the class implements) for class methods of this module that return a batch command's answer whole and never read its failure field
 * themselves (a wrapper that retries or throws on the leftovers reads it, and is not listed).
 *
 * @example
 * batchAnswerMethods(ctx) // class Queue { async sendBatchMessage(e) { return await this.client.send(new SendMessageBatchCommand(...)) } } -> ['sendBatchMessage']
 */
export function batchAnswerMethods(ctx: ModuleContext): string[] {
  if (!COMMANDS.some((c) => ctx.spells(`new ${c}`))) return [];
  const names: string[] = [];
  for (const command of ctx.of('NewExpression')) {
    const field = FAILURE_FIELD[unwrap(command.callee)?.name as string];
    const sent = field === undefined ? undefined : sendOf(ctx, command);
    const fn = sent === undefined ? undefined : ctx.enclosingFunction(sent.node);
    if (sent?.parent?.type !== 'ReturnStatement' && !(fn !== undefined && fn.body === sent?.node)) continue;
    const method = fn === undefined ? undefined : ctx.parentOf(fn);
    if (method?.type !== 'MethodDefinition' || method.computed === true) continue;
    const name = propertyName(method.key);
    if (name === undefined || !BATCH_NAME.test(name)) continue;
    if (new RegExp(`\\b${field}\\b`).test(ctx.source.slice(method.start, method.end))) continue;
    // Named by its class and by the interfaces it implements: callers often hold the interface.
    const cls = ctx.parentOf(ctx.parentOf(method) as Node);
    const types = [cls?.id, ...((cls?.implements as Node[] | undefined) ?? []).map((i) => i.expression)];
    for (const t of types) if (t?.type === 'Identifier') names.push(`${t.name}.${name}`);
  }
  return [...new Set(names)];
}

/**
 * The rule: `await x.sendBatchMessage(...)` as a statement, or such calls pushed onto an array that `await
 * Promise.all(list);` drops, reported once per dropped answer (the last call gathered by one `Promise.all`).
 */
export function droppedBatchMethodRules(ctx: ModuleContext, report: Report): void {
  if (!mayDropBatchCall(ctx.source)) return;
  const last = new Map<Node, { call: Node; name: string }>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const name = calleeName(call);
    if (callee?.type !== 'MemberExpression' || name === undefined || !BATCH_NAME.test(name)) continue;
    // A v2 SDK request made a promise is judged by partialBatch.ts; only a bare method call is a wrapper's.
    const alone = climbAwait(ctx, call);
    const sent = collectedBy(ctx, alone) ?? alone;
    if (sent.parent?.type !== 'ExpressionStatement' || sent.node.type !== 'AwaitExpression') continue;
    last.set(sent.node, { call, name });
  }
  if (last.size === 0) return;
  const imports = relativeImports(ctx);
  if (imports.length === 0) return;
  for (const { call, name } of last.values())
    report(
      'swallowed-error',
      call,
      `${name}() hands back a batch answer that reports failed entries without rejecting: it is dropped here unread, so those entries are lost`,
      { onlyIfBatchAnswerMethod: { method: name, imports } },
    );
}

/** Names imported from the project's own modules, `import type` too (the service is often only a field's type). */
function relativeImports(ctx: ModuleContext): { source: string; name: string }[] {
  const out: { source: string; name: string }[] = [];
  for (const d of ctx.program.body as Node[]) {
    if (d.type !== 'ImportDeclaration' || !/^[.]/.test(d.source.value as string)) continue;
    for (const s of d.specifiers as Node[])
      if (s.type === 'ImportSpecifier')
        out.push({ source: d.source.value as string, name: propertyName(s.imported) ?? '' });
  }
  return out;
}
