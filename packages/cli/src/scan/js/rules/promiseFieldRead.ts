// A field read off a promise instead of its result: `const { QueueUrl } = sqs.getQueueUrl(p).promise()` or
// `client.send(cmd).Items`. An AWS SDK v2 `.promise()` and a v3 `send` always answer a promise, whose only
// members are then/catch/finally: every other field is undefined, the request floats unawaited, and its
// rejection goes unhandled. The code reads on as if the call had answered nothing.
import { calleeName, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';

/** A promise's own members: reading these is using the promise, not mistaking it for its result. */
export const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

/**
 * A call that certainly answers a promise: an AWS SDK send, or v2's `.promise()`.
 *
 * @example
 * certainPromise(ctx, call) // s3.getObject(params).promise() -> true; s3.getObject(params, cb) -> false
 */
export function certainPromise(ctx: ModuleContext, call: Node): boolean {
  return (calleeName(call) === 'promise' && call.arguments.length === 0) || isSdkSend(ctx, call);
}

/**
 * Where a node's value goes, past any parentheses around it (compare with `unwrap` to find its slot).
 *
 * @example
 * consumer(ctx, call) // `(sqs.getQueueUrl(p).promise()).QueueUrl` -> the MemberExpression
 */
export function consumer(ctx: ModuleContext, call: Node): Node | undefined {
  let n: Node = call;
  let parent = ctx.parentOf(n);
  while (parent?.type === 'ParenthesizedExpression') {
    n = parent;
    parent = ctx.parentOf(n);
  }
  return parent === undefined ? undefined : parent;
}

/**
 * SDK calls whose promise is read as if it were the answer: destructured (`const { Item } = ddb.get(p)
 * .promise()`, also in an assignment) or a field other than then/catch/finally read off it.
 *
 * @example
 * promiseFieldReads(ctx) // `const { QueueUrl } = sqs.getQueueUrl({ QueueName }).promise();` -> [the call]
 */
export function promiseFieldReads(ctx: ModuleContext): Node[] {
  const out: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    const parent = consumer(ctx, call);
    if (parent === undefined) continue;
    const destructured =
      (parent.type === 'VariableDeclarator' &&
        unwrap(parent.init) === call &&
        unwrap(parent.id)?.type === 'ObjectPattern') ||
      (parent.type === 'AssignmentExpression' &&
        unwrap(parent.right) === call &&
        unwrap(parent.left)?.type === 'ObjectPattern');
    const field =
      parent.type === 'MemberExpression' && unwrap(parent.object) === call
        ? propertyName(parent.property as Node, parent.computed as boolean)
        : undefined;
    const readsField = field !== undefined && !PROMISE_MEMBERS.has(field);
    if ((destructured || readsField) && certainPromise(ctx, call)) out.push(call);
  }
  return out;
}
