// A queue named for a dead-letter queue whose only use is as the Lambda `deadLetterConfig` of functions
// an SQS queue polls (`queue.subscribe({ handler, transform: { function: (args) => { args.deadLetterConfig =
// { targetArn: dlq.arn } } } })`) never receives a message: Lambda writes a function's DLQ only for an
// asynchronous invoke, and an event source mapping invokes synchronously. Such a queue needs no alarm, as the
// CDK and CloudFormation texts already say of a function's own DeadLetterQueue.

import { escapeRegExp } from '../../escapeRegExp.js';
import { contains, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { sstV3Subscriptions } from './sstV3Subscriptions.js';

/** The subscriber props of every queue this module builds and subscribes (SQS polls them). */
function polledSubscribers(ctx: ModuleContext): Node[] {
  return sstV3Subscriptions(ctx).flatMap((s) =>
    s.queue?.kind !== undefined && s.subscriber !== undefined ? [s.subscriber] : [],
  );
}

/** The `deadLetterConfig` values written inside `subscriber`, as a prop or as `args.deadLetterConfig = ...`. */
function deadLetterConfigs(ctx: ModuleContext, subscriber: Node): Node[] {
  const props = ctx
    .of('Property')
    .filter((p) => propertyName(p.key as Node, p.computed as boolean) === 'deadLetterConfig')
    .map((p) => p.value as Node);
  const assigned = ctx.of('ExpressionStatement').flatMap((s) => {
    const e = unwrap(s.expression as Node);
    return e?.type === 'AssignmentExpression' && memberPath(e.left as Node)?.at(-1) === 'deadLetterConfig'
      ? [e.right as Node]
      : [];
  });
  return [...props, ...assigned].filter((v) => contains(subscriber, v));
}

/** The `link` array values written inside `subscriber`. */
function links(ctx: ModuleContext, subscriber: Node): Node[] {
  return ctx
    .of('Property')
    .filter((p) => propertyName(p.key as Node, p.computed as boolean) === 'link' && contains(subscriber, p))
    .map((p) => p.value as Node);
}

const within = (offset: number, n: { readonly start: number; readonly end: number }) =>
  n.start <= offset && offset < n.end;

/**
 * Is the queue kept in `variable` (declared at `id`) named in this module only as the `deadLetterConfig` of
 * SQS-polled subscribers, and in their `link` (which grants the function's role the `sqs:SendMessage` a
 * Lambda DLQ needs)? Any other mention (another function's DLQ, code handed the queue, a comment) keeps
 * the alarm check: something may write there. An `export` of it is no use; an importer is not read.
 * @example
 * onlyPolledFunctionsDlq(ctx, 'postDlq', id) // true for `feeds.subscribe({ handler, transform: { function: (a) => { a.deadLetterConfig = { targetArn: postDlq.arn } } } })`
 */
export function onlyPolledFunctionsDlq(ctx: ModuleContext, variable: string, id: Node): boolean {
  const allowed: Node[] = [];
  let named = false;
  const mentions = (n: Node) =>
    new RegExp(`(?<![\\w$.])${escapeRegExp(variable)}(?![\\w$])`).test(ctx.source.slice(n.start, n.end));
  for (const subscriber of polledSubscribers(ctx)) {
    const configs = deadLetterConfigs(ctx, subscriber).filter(mentions);
    if (configs.length === 0) continue;
    named = true;
    allowed.push(...configs, ...links(ctx, subscriber));
  }
  if (!named) return false;
  const exports = [...ctx.source.matchAll(/\bexport\s*\{[^}]*\}/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  for (const m of ctx.source.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(variable)}(?![\\w$])`, 'g'))) {
    const at = m.index ?? 0;
    if (within(at, id) || exports.some((e) => within(at, e))) continue;
    if (!allowed.some((n) => within(at, n))) return false;
  }
  return true;
}
