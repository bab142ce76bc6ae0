// AWS CDK code: the same infrastructure rules as for templates, read from `new sqs.Queue(...)` and friends.
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import {
  isBooleanLiteral,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { gatewayTimeouts } from './cdkApiFunctions.js';
import { asyncInvokeWithoutDestination } from './cdkAsyncInvokeConfig.js';
import { asyncInvokersWithoutDlq } from './cdkAsyncInvokers.js';
import { apiDestinationWithoutDlq, asyncTargetWithoutDlq } from './cdkAsyncTargets.js';
import { batchSizeOf, noteAddedMappingsBatchOne, noteMappingBatchOne } from './cdkBatchOne.js';
import { helperBuiltAsyncTargets } from './cdkBuiltFunctions.js';
import { isBusTarget, leavesModule, logOnlyTargets, onlyForwards } from './cdkBuses.js';
import { ownDefaultTimeout } from './cdkConstructDefaults.js';
import { cdkConstruct } from './cdkConstructName.js';
import { destinationDlqWithoutAlarm } from './cdkDestinationDlqs.js';
import { alarmedInModule } from './cdkDlqAlarms.js';
import { envInvokedWithoutDlq } from './cdkEnvInvoked.js';
import {
  addedStreamMappings,
  streamMappingWithoutOnFailure,
  streamSourceWithoutOnFailure,
} from './cdkEventSourceMappings.js';
import { noteEventWired } from './cdkEventWired.js';
import { fallbackFor } from './cdkFallback.js';
import { fifoSource } from './cdkFifoSources.js';
import { functionDlqWithoutAlarm } from './cdkFunctionDlqs.js';
import { alarmedElsewhere } from './cdkHandedDlqs.js';
import { handlerLink } from './cdkHandlers.js';
import { onlyLogDeliveryDlq } from './cdkLogDlqs.js';
import { consumerCap, uncappedQueueMappings } from './cdkMappingConcurrency.js';
import { notePassedProps } from './cdkPassedProps.js';
import { notePushedHandlers } from './cdkPushedHandlers.js';
import { importedQueueSubclasses } from './cdkQueueSubclasses.js';
import { reportFlag } from './cdkReportFlag.js';
import { noteSelfUncapped } from './cdkSelfConsumers.js';
import { solutionsConstructBatchOne, solutionsQueueDefaults } from './cdkSolutionsConstructs.js';
import { sourceOptions } from './cdkSourceOptions.js';
import { eventSourceTarget } from './cdkSourceTarget.js';
import { targetedFieldFunctions } from './cdkTargetedFields.js';
import { noteUnreadAnswers } from './cdkUnreadAnswers.js';
import { noteSelfBatchOne, noteWrapper } from './cdkWrappers.js';
import type { Report, Rule } from './Report.js';
import { saysWhy } from './saysWhy.js';

function varName(ctx: ModuleContext, node: Node): string | undefined {
  const { parent: n } = ctx.climb(
    node,
    (p) => p.type === 'TSAsExpression' || p.type === 'ParenthesizedExpression',
  );
  if (n?.type === 'VariableDeclarator' && n.id?.type === 'Identifier') return n.id.name as string;
  if (n?.type === 'AssignmentExpression') return memberPath(n.left)?.join('.');
  if (n?.type === 'PropertyDefinition' && n.key?.type === 'Identifier') return `this.${n.key.name as string}`;
  return undefined;
}

/** A queue's `queueName`, through a local constant (`const dlqName = 'RAMI-DLQ'`). */
function queueName(ctx: ModuleContext, node: Node | undefined): string {
  return stringValue(ctx.valueOf(node)) ?? '';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A queue built where a dead-letter queue is given (`deadLetterQueue: new Queue(...)` on a bus or a
 * target, `deadLetterQueue: { queue: new Queue(...), maxReceiveCount }` on a queue): a DLQ with no name
 * an alarm could be built on in this module.
 */
function inlineDlq(ctx: ModuleContext, node: Node): boolean {
  let prop = ctx.parentOf(node);
  if (prop?.type !== 'Property') return false;
  if (propertyName(prop.key, prop.computed) === 'queue') {
    const holder = ctx.parentOf(prop);
    prop = holder?.type === 'ObjectExpression' ? ctx.parentOf(holder) : undefined;
  }
  return prop?.type === 'Property' && propertyName(prop.key, prop.computed) === 'deadLetterQueue';
}

export const cdkRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('aws-cdk')) return;
  const src = ctx.source;
  gatewayTimeouts(ctx, report);
  notePassedProps(ctx);
  noteAddedMappingsBatchOne(ctx);
  addedStreamMappings(ctx, report);
  uncappedQueueMappings(ctx, report);
  noteEventWired(ctx);
  noteUnreadAnswers(ctx);
  notePushedHandlers(ctx);
  // Every function an async-invoker pass judged, reported or not: the env pass, last, judges none again.
  const judged = new Set(asyncInvokersWithoutDlq(ctx, report));
  targetedFieldFunctions(ctx, report);
  importedQueueSubclasses(ctx, report);
  helperBuiltAsyncTargets(ctx, report);
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    const self =
      kind === 'LambdaRestApi'
        ? objectProps(node.arguments[2])?.props.get('handler')
        : kind === 'LambdaIntegration'
          ? (node.arguments as Node[])[0]
          : undefined;
    if (unwrap(self)?.type === 'ThisExpression') {
      // A project function construct behind its own API: judged at the timeout it defaults to.
      const own = ownDefaultTimeout(ctx, node);
      if (own !== undefined && outlivesGateway(own.seconds, 29))
        report(
          'iac-gateway-timeout-exceeds-lambda',
          own.node,
          `this construct's default function timeout ${own.seconds}s is at least API Gateway's 29s integration timeout behind its own ${kind}`,
        );
    }
  }
  // Asked once, not per construct: each is a search of the whole stack's text.
  const solutionsBatch = ctx.spells('sqsEventSourceProps');
  const solutions = ctx.spells('@aws-solutions-constructs/');
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    if (kind === undefined) {
      if (solutionsBatch) ctx.batchOneHandlers.push(...solutionsConstructBatchOne(ctx, node));
      if (solutions) solutionsQueueDefaults(ctx, node, report);
      continue;
    }
    const args = node.arguments as Node[];
    const id = stringValue(args[1]) ?? '';
    const props = objectProps(ctx.valueOf(args[2]));
    const name = varName(ctx, node);
    if (/Function$/.test(kind)) functionDlqWithoutAlarm(ctx, node, props, name, report);
    if (
      kind === 'SqsDlq' ||
      (kind === 'SqsDestination' && ctx.importRoot(node.callee)?.source.includes('lambda-destinations'))
    )
      destinationDlqWithoutAlarm(ctx, node, report);
    if (kind === 'EventSourceMapping') streamMappingWithoutOnFailure(ctx, node, kind, report);
    if (kind === 'Queue') {
      if (props?.spread) continue;
      const dlq = objectProps(props?.props.get('deadLetterQueue'));
      const inline = inlineDlq(ctx, node);
      const usedAsDlq =
        inline ||
        /dlq|dead/i.test(`${id} ${name ?? ''} ${queueName(ctx, props?.props.get('queueName'))}`) ||
        (name !== undefined &&
          new RegExp(
            `(?:queue|deadLetterQueue)\\s*:\\s*${escapeRe(name)}\\b|new\\s+(?:\\w+\\.)?SqsDlq\\(\\s*${escapeRe(name)}\\b|onFailure\\s*:\\s*new\\s+(?:\\w+\\.)?SqsDestination\\(\\s*${escapeRe(name)}\\b`,
          ).test(src));
      if (dlq === undefined && props?.props.get('deadLetterQueue') === undefined) {
        if (!usedAsDlq)
          report(
            'iac-missing-dlq',
            node,
            `queue ${id || name || ''} has no deadLetterQueue: a poison message is retried until retention deletes it`,
          );
        else if (
          (name !== undefined || inline) &&
          !alarmedInModule(ctx, name, queueName(ctx, props?.props.get('queueName'))) &&
          (name === undefined || (!onlyLogDeliveryDlq(ctx, name, node) && !alarmedElsewhere(ctx, name)))
        )
          report(
            'iac-missing-dlq',
            node,
            `dead-letter queue ${id || name} has no alarm: failed messages pile up unnoticed`,
          );
      } else {
        const count = dlq?.props.get('maxReceiveCount');
        // A count with its reason written beside it is a decision (saysWhy.ts).
        const max =
          count === undefined || saysWhy(ctx, ctx.parentOf(count) ?? count) ? undefined : numberValue(count);
        // Polled by a Lambda event source in this file: AWS asks for at least 5 there.
        const byLambda =
          name !== undefined && new RegExp(`SqsEventSource\\(\\s*${escapeRe(name)}\\b`).test(src);
        // Reported at the count, where its fix goes (receiveCountLine.ts says why).
        if (max !== undefined && count !== undefined)
          report(
            'iac-missing-dlq',
            count,
            `maxReceiveCount ${max} > {limit}: a poison message is retried ${max} times before reaching the DLQ`,
            { maxReceive: { count: max, consumer: byLambda ? 'lambda' : 'other' }, severity: 'high' },
          );
      }
    } else if (kind === 'CfnEventSourceMapping') {
      streamMappingWithoutOnFailure(ctx, node, kind, report);
      noteMappingBatchOne(ctx, node, kind);
    } else if (kind === 'EventSourceMapping') noteMappingBatchOne(ctx, node, kind);
    else if (kind === 'SqsEventSource' || kind === 'KinesisEventSource' || kind === 'DynamoEventSource') {
      const opts = sourceOptions(ctx, args[1]);
      const p = opts.props;
      if (p?.spread) continue;
      const fnExpr = eventSourceTarget(ctx, node);
      const batchSize = batchSizeOf(ctx, p?.props.get('batchSize'));
      if (batchSize === 1) {
        // The handler's own code finding about partial failures is settled by this batch size.
        const link = handlerLink(ctx, fnExpr, 'no-record-work');
        if (link !== undefined)
          for (const stem of link.stems) ctx.batchOneHandlers.push(`${stem}.${link.export}`);
        noteSelfBatchOne(ctx, fnExpr, node);
      }
      // Options from the enclosing construct's props: judged where that construct is built.
      const wrapped = kind === 'SqsEventSource' && noteWrapper(ctx, p, node);
      if (!wrapped && reportFlag(ctx, p?.props.get('reportBatchItemFailures')) === 'off' && batchSize !== 1) {
        // One finding per consumer, as for templates (batchTwins.ts): merged into the handler's reported code
        // like any other source; stays only while that code is not reported.
        const unsplit =
          kind !== 'SqsEventSource' && !isBooleanLiteral(p?.props.get('bisectBatchOnError'), true);
        const link = handlerLink(ctx, fnExpr, unsplit ? 'no-record-work' : 'reported-in-code');
        // A bisecting stream source is dropped behind a handler that answers no item failures (bisectedStreams.ts).
        const bisects = kind !== 'SqsEventSource' && !unsplit;
        report(
          'batch-no-partial-failure',
          node,
          `${kind} without reportBatchItemFailures: one failed record fails the whole batch`,
          link !== undefined ? { handlerLink: bisects ? { ...link, bisects: true } : link } : undefined,
        );
      }
      if (kind !== 'SqsEventSource') streamSourceWithoutOnFailure(ctx, node, kind, p, report);
      if (kind === 'SqsEventSource' && !opts.unread && p?.props.get('maxConcurrency') === undefined) {
        // `fn.addEventSource(new SqsEventSource(...))`: the function may reserve concurrency itself.
        const cap = consumerCap(ctx, fnExpr);
        if (cap.kind === 'elsewhere') noteSelfUncapped(ctx, fnExpr, node);
        if (cap.kind !== 'uncapped') continue;
        const link = cap.link;
        report(
          'iac-no-reserved-concurrency',
          node,
          'SQS event source without maxConcurrency on a function without reserved concurrency: a backlog scales out without limit',
          { ...(link !== undefined ? { handlerLink: link } : {}), ...fifoSource(ctx, args[0]) },
        );
      }
    } else if (
      (kind === 'LambdaFunction' || kind === 'ApiDestination') &&
      // `aws-cdk-lib/aws-events-targets`, or `cdk.aws_events_targets.LambdaFunction` from 'aws-cdk-lib'.
      /aws-events-targets|aws_events_targets/.test(
        `${ctx.importRoot(node.callee)?.source ?? ''} ${ctx.importRoot(node.callee)?.imported ?? ''} ${memberPath(node.callee)?.join('.') ?? ''}`,
      )
    ) {
      if (kind === 'ApiDestination') apiDestinationWithoutDlq(ctx, node, report);
      else {
        const fn = asyncTargetWithoutDlq(ctx, node, report);
        if (fn !== undefined) judged.add(fn);
      }
    } else if (kind === 'EventBus') {
      if (isBusTarget(ctx, node) || (name !== undefined && onlyForwards(ctx, name))) continue;
      if (name !== undefined && new RegExp(`${escapeRe(name)}\\s*\\.\\s*archive\\(`).test(src)) continue;
      if (/new\s+(\w+\.)?Archive\(/.test(src)) continue;
      const logOnly = name !== undefined && !leavesModule(ctx, name) ? logOnlyTargets(ctx, name) : undefined;
      // Built only when the caller hands in no bus of its own: judged by whether some caller leaves it out.
      const fallback = fallbackFor(ctx, node, true) ?? undefined;
      report(
        'iac-no-event-archive',
        node,
        `event bus ${id || name || ''} has no archive: lost events cannot be replayed`,
        logOnly !== undefined || fallback !== undefined
          ? {
              ...(logOnly !== undefined ? { unlessHandlersOnlyLog: logOnly } : {}),
              ...(fallback !== undefined ? { onlyIfCallersOmit: fallback } : {}),
            }
          : undefined,
      );
    } else if (kind === 'Table' || kind === 'TableV2') {
      const tableName = stringValue(props?.props.get('tableName')) ?? '';
      if (!/idempot/i.test(`${id} ${tableName} ${name ?? ''}`) || props?.spread) continue;
      if (props?.props.has('timeToLiveAttribute')) continue;
      report(
        'iac-idempotency-table-no-ttl',
        node,
        `idempotency table ${id} has no timeToLiveAttribute: records never expire`,
      );
    }
  }
  for (const fn of envInvokedWithoutDlq(ctx, report, judged)) judged.add(fn);
  asyncInvokeWithoutDestination(ctx, report, judged);
};
