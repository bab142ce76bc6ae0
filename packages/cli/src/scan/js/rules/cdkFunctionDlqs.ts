// iac-missing-dlq for a CDK function's own dead-letter queue: `deadLetterQueueEnabled: true` makes CDK
// create an SQS queue for the function's failed asynchronous invocations, and nothing watches it unless the
// module builds an alarm on it (`fn.deadLetterQueue.metric...`). A function whose only trigger in the module
// is a polled event source (`fn.addEventSource(...)`: SQS and streams are polled synchronously, Lambda never
// writes to that queue; an SNS or S3 event source invokes asynchronously and does) is not reported, nor one built only when the caller hands in no function of its own
// (`props.function ?? new lambda.Function(...)`) unless some caller leaves that prop out.
import { isBooleanLiteral, type Node, type objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fallbackFor } from './cdkFallback.js';
import type { Report } from './Report.js';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reports `deadLetterQueueEnabled: true` on a function whose queue nothing in the module alarms on. */
export function functionDlqWithoutAlarm(
  ctx: ModuleContext,
  node: Node,
  props: ReturnType<typeof objectProps>,
  name: string | undefined,
  report: Report,
): void {
  const enabled = props?.props.get('deadLetterQueueEnabled');
  if (enabled === undefined || !isBooleanLiteral(enabled, true)) return;
  if (props?.props.has('deadLetterQueue') || props?.props.has('deadLetterTopic')) return;
  const src = ctx.source;
  // An alarm anywhere in the module, or the function's queue read (metric, handed on): watched or unknown.
  if (/new\s+[\w.]*Alarm\s*\(|\.deadLetterQueue\b/.test(src)) return;
  // SNS and S3 event sources invoke asynchronously: Lambda writes their failed events to this queue.
  const added =
    name === undefined
      ? []
      : [
          ...src.matchAll(
            new RegExp(
              `${escapeRe(name)}\\s*\\.\\s*addEventSource\\s*\\(\\s*(?:new\\s+(?:[\\w$]+\\.)*(\\w+))?`,
              'g',
            ),
          ),
        ];
  if (added.length > 0 && added.every((m) => !/^(Sns|S3)EventSource(V2)?$/.test(m[1] ?? ''))) return;
  const fallback = fallbackFor(ctx, node);
  if (fallback === null) return;
  report(
    'iac-missing-dlq',
    enabled as Node,
    `function ${name ?? ''} has deadLetterQueueEnabled but no alarm on its dead-letter queue: failed async invocations pile up unnoticed`,
    fallback !== undefined ? { onlyIfCallersOmit: fallback } : undefined,
  );
}
