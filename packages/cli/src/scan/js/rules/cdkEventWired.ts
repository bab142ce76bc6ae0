// CDK code that wires a function to a source delivering the same event more than once (a queue, a stream,
// an SNS subscription, an S3 notification, an EventBridge rule with a pattern): its handler is noted for
// the idempotency rules (iac/eventWiredHandlers.ts does the same for templates), whatever its code shows.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { cdkConstruct } from './cdkConstructName.js';
import { handlerLink } from './cdkHandlers.js';
import { onScheduledRule } from './cdkScheduledRules.js';
import { solutionsConsumer } from './cdkSolutionsConsumers.js';
import { eventSourceTarget } from './cdkSourceTarget.js';

/** `fn.addEventSource(new X(...))` sources (aws-lambda-event-sources). */
const EVENT_SOURCES =
  /^(SqsEventSource|KinesisEventSource|DynamoEventSource|SnsEventSource|S3EventSource(V2)?|ManagedKafkaEventSource|SelfManagedKafkaEventSource)$/;

/** Constructs given the function itself: an SNS subscription, an S3 notification destination, a rule target. */
const FUNCTION_TARGETS = /^(LambdaSubscription|LambdaDestination|LambdaFunction)$/;

/**
 * @example
 * // queue consumer:  fn.addEventSource(new SqsEventSource(queue))            -> fn's handler noted
 * // rule target:     rule.addTarget(new targets.LambdaFunction(fn))          -> noted unless the rule is a schedule
 * // SNS:             topic.addSubscription(new subs.LambdaSubscription(fn))  -> noted
 */
export function noteEventWired(ctx: ModuleContext): void {
  for (const node of ctx.of('NewExpression')) {
    // A solutions-constructs pattern wires its consumer to the queue it builds (cdkSolutionsConsumers.ts).
    const consumer = solutionsConsumer(ctx, node, 'no-work');
    if (consumer !== undefined)
      for (const stem of consumer.link.stems) ctx.eventHandlers.push(`${stem}.${consumer.link.export}`);
    const kind = cdkConstruct(ctx, node);
    if (kind === undefined) continue;
    let fn: Node | undefined;
    if (EVENT_SOURCES.test(kind)) fn = eventSourceTarget(ctx, node);
    else if (FUNCTION_TARGETS.test(kind) && !(kind === 'LambdaFunction' && onScheduledRule(ctx, node)))
      fn = unwrap((node.arguments as Node[])[0]);
    const link = fn === undefined ? undefined : handlerLink(ctx, fn, 'no-work');
    if (link !== undefined) for (const stem of link.stems) ctx.eventHandlers.push(`${stem}.${link.export}`);
  }
}
