// A dead-letter queue that only catches failed deliveries to a CloudWatch log group: a rule that copies
// every event to a log for debugging (`new targets.CloudWatchLogGroup(logGroup, { deadLetterQueue: dlq })`,
// or a target bound by hand to `logGroup.logGroupArn` with `deadLetterConfig: { arn: dlq.queueArn }`).
// What it holds is a log line that was not written; nobody replays it, so it needs no alarm.
import { type Node, propertyName } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const DLQ_KEYS = new Set(['deadLetterQueue', 'deadLetterConfig']);
const LOG_GROUP = /log ?group/i;

/**
 * True when every use of the queue kept in `name` (a local variable) is the dead-letter setting of a
 * delivery to a log group.
 * @example
 * onlyLogDeliveryDlq(ctx, 'dlq', decl) // true for `new CloudWatchLogGroup(lg, { deadLetterQueue: dlq })`
 */
export function onlyLogDeliveryDlq(ctx: ModuleContext, name: string, declaration: Node): boolean {
  if (!/^[\w$]+$/.test(name)) return false;
  const uses = [
    ...ctx.source.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g')),
  ]
    .map((m) => m.index)
    .filter((at) => at < declaration.start || at >= declaration.end);
  const parent = ctx.parentOf(declaration);
  const idStart = parent?.type === 'VariableDeclarator' ? (parent.id as Node).start : -1;
  const refs = uses.filter((at) => at !== idStart);
  if (refs.length === 0) return false;
  const settings = ctx
    .of('Property')
    .filter((p) => DLQ_KEYS.has(propertyName(p.key as Node, p.computed as boolean) ?? ''));
  return refs.every((at) => {
    const setting = settings.find((p) => (p.value as Node).start <= at && at < (p.value as Node).end);
    return setting !== undefined && logDelivery(ctx, setting);
  });
}

/** The object holding the dead-letter setting delivers to a log group (its text, or the construct it configures). */
function logDelivery(ctx: ModuleContext, setting: Node): boolean {
  const holder = ctx.parentOf(setting);
  if (holder === undefined) return false;
  const others = (holder.properties as Node[]).filter((p) => p !== setting);
  if (others.some((p) => LOG_GROUP.test(ctx.source.slice(p.start, p.end)))) return true;
  const built = ctx.parentOf(holder);
  return (
    built?.type === 'NewExpression' && LOG_GROUP.test(ctx.source.slice(built.callee.start, built.callee.end))
  );
}
