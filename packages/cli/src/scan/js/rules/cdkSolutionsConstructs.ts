// Constructs in the style of aws-solutions-constructs (`new SqsToLambda(this, id, { lambdaFunctionProps,
// sqsEventSourceProps })`): the library builds the function from `lambdaFunctionProps` and hands
// `sqsEventSourceProps` to `new SqsEventSource(queue, ...)` unchanged (it sets no batch size of its own:
// SqsToLambda in awslabs/aws-solutions-constructs, so the CDK default of 10 applies when none is given).
// A batch size of 1 there settles the handler's partial-failure finding, as `batchSize: 1` on an
// SqsEventSource does. A project construct that takes the same two props and passes them on (a
// Step Functions callback task around SqsToLambda) is read the same way.
import {
  isBooleanLiteral,
  isFunction,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spreadProps } from '../spreadProps.js';
import { handlerLinkOfProps } from './cdkHandlers.js';
import { solutionsConsumer } from './cdkSolutionsConsumers.js';
import { solutionsPattern } from './cdkSolutionsInvokers.js';
import type { Report } from './Report.js';
import { saysWhy } from './saysWhy.js';

/** The method `this.name()` calls in the class around `at`. */
function thisMethod(ctx: ModuleContext, call: Node): Node | undefined {
  const path = memberPath(call.callee as Node);
  if (path?.length !== 2 || path[0] !== 'this') return undefined;
  for (let n = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassBody') continue;
    for (const m of n.body as Node[])
      if (m.type === 'MethodDefinition' && propertyName(m.key as Node, m.computed as boolean) === path[1])
        return isFunction(m.value as Node) ? (m.value as Node) : undefined;
    return undefined;
  }
  return undefined;
}

/** The one object a function returns (`return { ... }`), or undefined. */
function returnedObject(fn: Node): Node | undefined {
  const body = fn.body as Node;
  if (body?.type !== 'BlockStatement')
    return unwrap(body)?.type === 'ObjectExpression' ? unwrap(body) : undefined;
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  if (returns.length !== 1) return undefined;
  const v = unwrap(returns[0]?.argument as Node | undefined);
  return v?.type === 'ObjectExpression' ? v : undefined;
}

/**
 * The keys of a props object, following spreads of variables and of this class's methods
 * (`...this.getDefaultSqsEventSourceProps()`); undefined when any spread stays out of sight.
 */
function propsOf(ctx: ModuleContext, node: Node | undefined, depth = 0): Map<string, Node> | undefined {
  if (depth > 3) return undefined;
  const n = ctx.valueOf(node);
  if (n?.type !== 'ObjectExpression') return undefined;
  return spreadProps(n, (spread) => {
    const arg = ctx.valueOf(spread);
    const method = arg?.type === 'CallExpression' ? thisMethod(ctx, arg) : undefined;
    return propsOf(ctx, method !== undefined ? returnedObject(method) : arg, depth + 1);
  });
}

/**
 * `new SqsToLambda(this, id, { lambdaFunctionProps: { code, handler }, sqsEventSourceProps: { batchSize: 1 } })`
 * (from `@aws-solutions-constructs/*` or a project construct taking the same props): the handler it names.
 */
export function solutionsConstructBatchOne(ctx: ModuleContext, node: Node): string[] {
  const imp = ctx.importRoot(node.callee as Node);
  const callee = unwrap(node.callee as Node);
  const local = callee?.type === 'Identifier' && ctx.resolve(callee.name as string, callee) !== undefined;
  if (
    imp === undefined
      ? !local
      : !(imp.source.startsWith('@aws-solutions-constructs/') || imp.source.startsWith('.'))
  )
    return [];
  const props = propsOf(ctx, (node.arguments as Node[])[2]);
  const source = props?.get('sqsEventSourceProps');
  const fn = props?.get('lambdaFunctionProps');
  // A pattern whose consumer is handed in or built from `consumerLambdaFunctionProps` (cdkSolutionsConsumers.ts).
  const consumer = fn === undefined ? solutionsConsumer(ctx, node, 'no-record-work') : undefined;
  if (consumer !== undefined && numberValue(propsOf(ctx, consumer.source)?.get('batchSize')) === 1)
    return consumer.link.stems.map((stem) => `${stem}.${consumer.link.export}`);
  if (source === undefined || fn === undefined) return [];
  if (numberValue(propsOf(ctx, source)?.get('batchSize')) !== 1) return [];
  const link = handlerLinkOfProps(ctx, objectProps(ctx.valueOf(fn)), 'no-record-work');
  return link === undefined ? [] : link.stems.map((stem) => `${stem}.${link.export}`);
}

/**
 * The library's own default for the dead-letter queue its patterns build (`buildDeadLetterQueue`:
 * `defaultMaxReceiveCount = 15` in core/lib/sqs-defaults.ts of awslabs/aws-solutions-constructs).
 */
const LIBRARY_MAX_RECEIVE = 15;

/** `props.maxReceiveCount` handed on from the construct's own props: the caller may not set it. */
const passedOn = (v: Node | undefined) => {
  const path = memberPath(unwrap(v));
  return path !== undefined && path.length >= 2 && /^(props|this)$/.test(path[0] ?? '');
};

/**
 * A pattern of aws-solutions-constructs that builds a queue (`SqsToLambda`, `SnsToSqs`, `EventbridgeToSqs`,
 * ...) builds its dead-letter queue too, unless told not to: redriven after the library's default of 15
 * receives (above the limit for a Lambda event source) and with no alarm. Reported at the construct
 * unless the project sets `maxReceiveCount` within the limit and alarms on the queue it exposes
 * (`pattern.deadLetterQueue`), or hands it a queue of its own (`existingQueueObj`).
 *
 * @example
 * solutionsQueueDefaults(ctx, node, report) // new SqsToLambda(this, 'Task', { lambdaFunctionProps }) -> maxReceiveCount 15 > {limit}
 */
export function solutionsQueueDefaults(ctx: ModuleContext, node: Node, report: Report): void {
  const pattern = solutionsPattern(ctx, node);
  if (pattern === undefined || !/Sqs/.test(pattern)) return;
  const props = propsOf(ctx, (node.arguments as Node[])[2]);
  if (props === undefined) return;
  const own = props.get('existingQueueObj');
  if (own !== undefined && !passedOn(own)) return;
  // Told to build none: a decision written in the code (a metrics queue whose lost counts nobody replays),
  // not a default of the library.
  if (isBooleanLiteral(props.get('deployDeadLetterQueue'), false)) return;
  const set = props.get('maxReceiveCount');
  const count = set === undefined || passedOn(set) ? LIBRARY_MAX_RECEIVE : numberValue(set);
  if (count === undefined) return;
  const src = ctx.source;
  const alarmed =
    /deadLetterQueue[\s\S]{0,300}(metric|Alarm)|(metric\w*|Alarm)\([\s\S]{0,300}deadLetterQueue/.test(src);
  const consumer = pattern.startsWith('SqsTo') ? 'lambda' : 'other';
  // A count with its reason written beside it is a decision (saysWhy.ts): the alarm is still judged.
  const decided = set !== undefined && !passedOn(set) && saysWhy(ctx, ctx.parentOf(set) ?? set);
  // One finding per construct: the count (with the missing alarm in its message), or the alarm alone.
  if (count > 3 && !decided)
    report(
      'iac-missing-dlq',
      node,
      `${pattern} builds its dead-letter queue with maxReceiveCount ${count} > {limit}${alarmed ? '' : ', and nothing alarms on it'}: a poison message is retried ${count} times before it gets there`,
      { maxReceive: { count, consumer }, severity: 'high' },
    );
  else if (!alarmed)
    report(
      'iac-missing-dlq',
      node,
      `the dead-letter queue ${pattern} builds has no alarm: failed messages pile up unnoticed`,
    );
}
