// A CDK function fed only by sources that never batch gets no batch: SNS hands it one message
// (`SnsEventSource`, `LambdaSubscription`), an S3 notification the one object that changed (`S3EventSource`,
// `LambdaDestination`), an EventBridge rule one event (`targets.LambdaFunction`). Only an event source
// mapping (`SqsEventSource`, `KinesisEventSource`, `DynamoEventSource`, Kafka) polls a batch. Such a handler
// is noted as a batch-size-1 handler, as SAM and Terraform functions fed only by such events are, unless
// the same module also polls a batch into it; a module that builds mappings as constructs is left alone.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { cdkConstruct } from './cdkConstructName.js';
import { handlerLink } from './cdkHandlers.js';
import { eventSourceTarget } from './cdkSourceTarget.js';

const POLLED =
  /^(SqsEventSource|KinesisEventSource|DynamoEventSource|ManagedKafkaEventSource|SelfManagedKafkaEventSource)$/;
const PUSHED_SOURCES = /^(SnsEventSource|S3EventSource(V2)?)$/;
const PUSHED_TARGETS = /^(LambdaSubscription|LambdaDestination|LambdaFunction)$/;

/**
 * Notes the handlers this module wires only to sources that never batch (`ctx.batchOneHandlers`).
 * @example
 * // fn.addEventSource(new SnsEventSource(topic)) and nothing polled into fn -> fn's handler noted
 */
export function notePushedHandlers(ctx: ModuleContext): void {
  if (ctx.spells('EventSourceMapping')) return;
  const pushed = new Set<string>();
  const polled = new Set<string>();
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    if (kind === undefined) continue;
    const fn =
      POLLED.test(kind) || PUSHED_SOURCES.test(kind)
        ? eventSourceTarget(ctx, node)
        : PUSHED_TARGETS.test(kind)
          ? unwrap((node.arguments as Node[])[0])
          : undefined;
    const link = fn === undefined ? undefined : handlerLink(ctx, fn, 'no-record-work');
    if (link === undefined) continue;
    for (const stem of link.stems) (POLLED.test(kind) ? polled : pushed).add(`${stem}.${link.export}`);
  }
  for (const h of pushed) if (!polled.has(h)) ctx.batchOneHandlers.push(h);
}
