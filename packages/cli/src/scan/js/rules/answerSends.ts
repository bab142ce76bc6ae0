// swallowed-error for single AWS calls whose success answer carries their failure: Lambda's synchronous
// Invoke (`FunctionError`, invokeResult.ts) and ECS RunTask (`failures`, runTaskResult.ts). This finds
// the call in each of its forms (a v3 command sent directly or through a variable, a method of a v3
// aggregated client, a v2 `.promise()`) and judges the answer as a batch API's is (partialBatch.ts
// judgeBatch), unless the API's own reading says the answer was looked at another way.
import { calleeName, forEachDescendant, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { lateAssigned } from '../lateAssigned.js';
import type { ModuleContext } from '../ModuleContext.js';
import { unassignedVar } from '../unassignedVar.js';
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
  /** The SDK client class the method must be called on (`ECS`), when the method name is common; any receiver if unset. */
  readonly client?: string;
  /** The API's name in messages. */
  readonly what: string;
  /** The call, given its parameters object (paramsObject), answers a failure inside at all (an Invoke with `'Event'` does not). */
  readonly applies: (ctx: ModuleContext, params: Node | undefined) => boolean;
  /** The answer (the send, climbed through `await`) is looked at another way after the send, given the call's params object. */
  readonly checked: (ctx: ModuleContext, sent: Node, params: Node | undefined) => boolean;
}

/**
 * The object a parameter stands for: a `const` or initialised `let` (ModuleContext.valueOf), a `let`
 * assigned once (lateAssigned.ts), a `var` never written again (unassignedVar.ts), or, for a name the
 * module never declares (sloppy `params = { FunctionName, Payload }`), the last assignment to it before
 * the call in the sending function. A name whose properties are written (`params.InvocationType = 'Event'`)
 * or that is assigned more than that stands for no known object.
 */
export function paramsObject(ctx: ModuleContext, params: Node | undefined, at: Node): Node | undefined {
  const id = unwrap(params);
  if (id?.type === 'Identifier' && propertyWritten(ctx, id)) return undefined;
  const value = ctx.valueOf(params);
  if (value?.type !== 'Identifier') return value;
  const known = lateAssigned(ctx, value) ?? unassignedVar(ctx, value);
  if (known !== undefined) return unwrap(known);
  if (ctx.resolve(value.name as string, value) !== undefined) return value;
  const fn = ctx.enclosingFunction(at);
  let found: Node | undefined;
  // Only the sending function's own statements: an assignment in a nested callback runs at another time.
  forEachDescendant(
    (fn?.body as Node | undefined) ?? ctx.program,
    (n) => {
      if (n.type !== 'AssignmentExpression' || n.operator !== '=' || n.end > at.start) return true;
      const left = unwrap(n.left);
      // Another binding of the name (`let params` in a loop) is not this undeclared one.
      if (left?.type !== 'Identifier' || left.name !== value.name) return true;
      if (ctx.resolve(left.name as string, left) === undefined && (found?.start ?? -1) < n.start) found = n;
      return true;
    },
    true,
  );
  return found === undefined ? value : unwrap(found.right);
}

/** A property of the binding `id` names is written (`id.x = v`, `delete id.x`, `Object.assign(id, ...)`). */
function propertyWritten(ctx: ModuleContext, id: Node): boolean {
  const binding = ctx.resolve(id.name as string, id);
  const same = (target: Node | undefined): boolean => {
    let n = unwrap(target);
    if (n?.type !== 'MemberExpression') return false;
    while (n?.type === 'MemberExpression') n = unwrap(n.object as Node);
    return n?.type === 'Identifier' && n.name === id.name && ctx.resolve(n.name as string, n) === binding;
  };
  return someDescendant(ctx.program, (n) => {
    if (n.type === 'AssignmentExpression') return same(n.left as Node);
    if (n.type === 'UnaryExpression' && n.operator === 'delete') return same(n.argument as Node);
    if (n.type !== 'CallExpression' || calleeName(n) !== 'assign') return false;
    const first = unwrap((n.arguments as Node[])[0]);
    return (
      first?.type === 'Identifier' &&
      first.name === id.name &&
      ctx.resolve(first.name as string, first) === binding
    );
  });
}

/** The object names `key`: this is the API's call, not another library's method of that name. */
function names(object: Node | undefined, key: string): boolean {
  return (
    object?.type === 'ObjectExpression' &&
    (object.properties as Node[]).some(
      (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === key,
    )
  );
}

/**
 * `receiver` is an SDK client built in the module: `new AWS.ECS()`, `new ECS({})` (v2 or v3 aggregated),
 * through a `const`, a `let` assigned once or a `var` never written again.
 */
function sdkClient(ctx: ModuleContext, receiver: Node | undefined, client: string): boolean {
  const held = ctx.valueOf(receiver);
  const built = held?.type === 'Identifier' ? (lateAssigned(ctx, held) ?? unassignedVar(ctx, held)) : held;
  const made = unwrap(built);
  if (made?.type !== 'NewExpression') return false;
  const callee = unwrap(made.callee as Node);
  const name =
    callee?.type === 'MemberExpression'
      ? propertyName(callee.property as Node, callee.computed as boolean)
      : callee?.name;
  return name === client;
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
  const judge = (at: Node, send: Node, params: Node | undefined) => {
    // Best-effort telemetry (`sendUsageMetric`): losing one data point is the intended outcome.
    if (inTelemetryFunction(ctx, send)) return;
    const climbed = ctx.climb(
      send,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (api.checked(ctx, climbed.node, params)) return;
    judgeBatch(ctx, report, at, climbed, api.field, api.what);
  };
  if (ctx.spells(api.command))
    for (const command of ctx.of('NewExpression')) {
      if (unwrap(command.callee)?.name !== api.command) continue;
      const params = paramsObject(ctx, (command.arguments as Node[])[0], command);
      if (!api.applies(ctx, params)) continue;
      const sent = sendOf(ctx, command);
      if (sent !== undefined) {
        if (!api.checked(ctx, sent.node, params) && !inTelemetryFunction(ctx, command))
          judgeBatch(ctx, report, command, sent, api.field, api.what);
        continue;
      }
      for (const send of sendsOfVariable(ctx, command)) judge(send, send, params);
    }
  if (!ctx.spells(`.${api.method}(`) || !ctx.spells(api.param)) return;
  for (const call of ctx.of('CallExpression')) {
    // `await lambda.invoke({ FunctionName, Payload })`: the v3 aggregated client (`new Lambda({})`) answers a
    // promise itself; a v2 request is judged below, through its `.promise()`, and a callback form not at all.
    if (calleeName(call) !== api.method || unwrap(call.callee)?.type !== 'MemberExpression') continue;
    const [params, callback] = call.arguments as Node[];
    if (callback !== undefined) continue;
    const object = paramsObject(ctx, params, call);
    if (!names(object, api.param) || !api.applies(ctx, object)) continue;
    // A project's own method of that name (`runner.runTask({ taskDefinition })`) is not the SDK's.
    if (api.client !== undefined && !sdkClient(ctx, unwrap(call.callee)?.object as Node, api.client))
      continue;
    const member = ctx.parentOf(call);
    if (member?.type === 'MemberExpression' && member.object === call) {
      const key = propertyName(member.property, member.computed as boolean);
      // `lambda.invoke(params).then(...)`: the aggregated client's promise (a v2 request has no `.then`).
      if (key === 'then') {
        judge(call, call, object);
        continue;
      }
      // `lambda.invoke(params).promise()`: the v2 request, made a promise.
      const promise = ctx.parentOf(member);
      if (
        key === 'promise' &&
        promise?.type === 'CallExpression' &&
        promise.callee === member &&
        (promise.arguments as Node[]).length === 0
      )
        judge(call, promise, object);
      continue;
    }
    judge(call, call, object);
  }
}
