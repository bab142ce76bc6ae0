// Is a CDK dead-letter queue alarmed in its own module (iac-missing-dlq)? An alarm counts for the queue it
// watches: one built on the queue's metric (`dlq.metricApproximateNumberOfMessagesVisible()`, `metric:
// dlq`, a dimension of `dlq.queueName` or of the queue's literal `queueName`). An alarm on something else
// in the same stack (an API's 5XX rate, a function's errors) leaves the queue unwatched. Only a queue built
// inline with no name (`deadLetterQueue: new Queue(this, 'Failures')`) takes any alarm of its module, since
// nothing else could tie one to it.
import type { ModuleContext } from '../ModuleContext.js';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Does the module build an alarm on the queue kept in `name` (undefined for an inline one) or named
 * `literalName` ('' when it sets none)?
 * @example
 * alarmedInModule(ctx, 'dlq', '') // `dlq.metricApproximateNumberOfMessagesVisible().createAlarm(...)` -> true
 * alarmedInModule(ctx, 'dlq', '') // only `new Alarm(this, 'Api5xx', { metric: api.metricServerError() })` -> false
 */
export function alarmedInModule(ctx: ModuleContext, name: string | undefined, literalName: string): boolean {
  const src = ctx.source;
  if (/deadLetterQueue\b[\w.!?]*\.metric/.test(src)) return true;
  if (name !== undefined) {
    const n = escapeRe(name);
    if (new RegExp(`\\b${n}\\s*\\.\\s*metric|metrics?:\\s*${n}\\b|\\b${n}\\.queueName`).test(src))
      return true;
  }
  if (!/new\s+[\w.]*Alarm\s*\(/.test(src)) return false;
  if (name === undefined) return true;
  // The queue's own name written again, as an alarm's `QueueName` dimension.
  return (
    literalName !== '' &&
    (src.match(new RegExp(`['"\`]${escapeRe(literalName)}['"\`]`, 'g'))?.length ?? 0) > 1
  );
}
