// swallowed-error for single AWS calls whose success answer carries their failure: Lambda's synchronous
// Invoke (`FunctionError`, invokeResult.ts) and ECS RunTask (`failures`, runTaskResult.ts). This finds
// the call in each of its forms (a v3 command sent directly or through a variable, a method of a v3
// aggregated client, a v2 `.promise()`) and judges the answer as a batch API's is (partialBatch.ts
// judgeBatch), unless the API's own reading says the answer was looked at another way.
import { calleeName, forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { sendOf, sendsOfVariable } from './batchSends.js';
import { recordsSuccessAfter } from './catchAfter.js';
import { selectsOwnWork } from './catchExemptions.js';
import { judgeBatch } from './partialBatch.js';
import type { Report } from './Report.js';
import { inTelemetryFunction } from './telemetryFacts.js';

/** One API whose success answer holds its failure. */
export interface AnswerApi {
  /** The v3 command (`InvokeCommand`). */
  readonly command: string;
  /** The method of a v2 or v3 aggregated client (`invoke`). */
  readonly method: string;
  /** A parameter the API requires, which tells its method from another library's of the same name. */
  readonly param: string;
  /** The field of the answer that says it failed. */
  readonly field: string;
  /** The API's name in messages. */
  readonly what: string;
  /** The call, given its parameters object (paramsObject), answers a failure inside at all (an Invoke with `'Event'` does not). */
  readonly applies: (ctx: ModuleContext, params: Node | undefined) => boolean;
  /** The answer (the send, climbed through `await`) is looked at another way after the send. */
  readonly checked: (ctx: ModuleContext, sent: Node) => boolean;
}

/**
 * The object a parameter stands for: a `const` (ModuleContext.valueOf), or else the last plain assignment
 * to the name before the call in its function (`params = { FunctionName, Payload }`, an undeclared or
 * `let` variable in sloppy code).
 */
export function paramsObject(ctx: ModuleContext, params: Node | undefined, at: Node): Node | undefined {
  const value = ctx.valueOf(params);
  if (value?.type !== 'Identifier') return value;
  const fn = ctx.enclosingFunction(at);
  let found: Node | undefined;
  // Only the sending function's own statements: an assignment in a nested callback runs at another time.
  forEachDescendant(
    (fn?.body as Node | undefined) ?? ctx.program,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.end > at.start) return true;
      const left = unwrap(n.left);
      if (left?.type === 'Identifier' && left.name === value.name && (found?.start ?? -1) < n.start)
        found = n;
      return true;
    },
    true,
  );
  return found === undefined ? value : unwrap(found.right);
}

/** The params object names `key`: this is the API's call, not another library's method of that name. */
function names(ctx: ModuleContext, params: Node | undefined, at: Node, key: string): boolean {
  const object = paramsObject(ctx, params, at);
  return (
    object?.type === 'ObjectExpression' &&
    (object.properties as Node[]).some(
      (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === key,
    )
  );
}

/**
 * Reports each call of `api` whose answer is dropped, only printed, or read without its failure field.
 *
 * @example
 * // const { Payload } = await lambda.send(new InvokeCommand({ FunctionName: 'price', Payload: body }));
 * answerSendsRule(ctx, report, INVOKE) // reported
 */
export function answerSendsRule(ctx: ModuleContext, given: Report, api: AnswerApi): void {
  // A job that selects its own work each run tries again next run, as for a batch (partialBatch.ts).
  const report: Report = selectsOwnWork(ctx)
    ? (rule, node, message, extra) => {
        if (recordsSuccessAfter(ctx, node)) given(rule, node, message, extra);
      }
    : given;
  const judge = (at: Node, send: Node) => {
    // Best-effort telemetry (`sendUsageMetric`): losing one data point is the intended outcome.
    if (inTelemetryFunction(ctx, send)) return;
    const climbed = ctx.climb(
      send,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (api.checked(ctx, climbed.node)) return;
    judgeBatch(ctx, report, at, climbed, api.field, api.what);
  };
  if (ctx.spells(api.command))
    for (const command of ctx.of('NewExpression')) {
      if (unwrap(command.callee)?.name !== api.command) continue;
      if (!api.applies(ctx, paramsObject(ctx, (command.arguments as Node[])[0], command))) continue;
      const sent = sendOf(ctx, command);
      if (sent !== undefined) {
        if (!api.checked(ctx, sent.node) && !inTelemetryFunction(ctx, command))
          judgeBatch(ctx, report, command, sent, api.field, api.what);
        continue;
      }
      for (const send of sendsOfVariable(ctx, command)) judge(send, send);
    }
  if (!ctx.spells(`.${api.method}(`) || !ctx.spells(api.param)) return;
  for (const call of ctx.of('CallExpression')) {
    // `await lambda.invoke({ FunctionName, Payload })`: the v3 aggregated client (`new Lambda({})`) answers a
    // promise itself; a v2 request is judged below, through its `.promise()`, and a callback form not at all.
    if (calleeName(call) !== api.method || unwrap(call.callee)?.type !== 'MemberExpression') continue;
    const [params, callback] = call.arguments as Node[];
    if (callback !== undefined || !names(ctx, params, call, api.param)) continue;
    if (!api.applies(ctx, paramsObject(ctx, params, call))) continue;
    const member = ctx.parentOf(call);
    if (member?.type === 'MemberExpression' && member.object === call) {
      // `lambda.invoke(params).promise()`: the v2 request, made a promise.
      const promise = ctx.parentOf(member);
      if (
        propertyName(member.property, member.computed as boolean) === 'promise' &&
        promise?.type === 'CallExpression' &&
        promise.callee === member &&
        (promise.arguments as Node[]).length === 0
      )
        judge(call, promise);
      continue;
    }
    judge(call, call);
  }
}
