// AWS CDK code: the same infrastructure rules as for templates, read from `new sqs.Queue(...)` and friends.
import {
  calleeName,
  isBooleanLiteral,
  memberPath,
  type Node,
  numberValue,
  objectProps,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

function cdkConstruct(ctx: ModuleContext, node: Node): string | undefined {
  const imp = ctx.importRoot(node.callee);
  if (imp === undefined || !(imp.source.startsWith('aws-cdk-lib') || imp.source.startsWith('@aws-cdk/')))
    return undefined;
  return memberPath(node.callee)?.at(-1);
}

/** `Duration.seconds(60)` / `Duration.minutes(2)` in seconds. */
function durationSeconds(node: Node | undefined): number | undefined {
  const n = unwrap(node);
  if (n?.type !== 'CallExpression') return undefined;
  const unit = calleeName(n);
  const value = numberValue(n.arguments[0]);
  if (value === undefined) return undefined;
  if (unit === 'seconds') return value;
  if (unit === 'minutes') return value * 60;
  if (unit === 'millis') return value / 1000;
  return undefined;
}

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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const cdkRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.source.includes('aws-cdk')) return;
  const src = ctx.source;
  const functionsBehindApi = new Set<string>();
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    if (kind === 'LambdaIntegration' || kind === 'HttpLambdaIntegration') {
      const fn = memberPath(node.arguments[kind === 'LambdaIntegration' ? 0 : 1])?.join('.');
      if (fn) functionsBehindApi.add(fn);
    } else if (kind === 'LambdaRestApi') {
      const fn = memberPath(objectProps(node.arguments[2])?.props.get('handler'))?.join('.');
      if (fn) functionsBehindApi.add(fn);
    }
  }
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    if (kind === undefined) continue;
    const args = node.arguments as Node[];
    const id = stringValue(args[1]) ?? '';
    const props = objectProps(ctx.valueOf(args[2]));
    const name = varName(ctx, node);
    if (kind === 'Queue') {
      if (props?.spread) continue;
      const dlq = objectProps(props?.props.get('deadLetterQueue'));
      const usedAsDlq =
        /dlq|dead/i.test(`${id} ${name ?? ''}`) ||
        (name !== undefined && new RegExp(`queue\\s*:\\s*${escapeRe(name)}\\b`).test(src));
      if (dlq === undefined && props?.props.get('deadLetterQueue') === undefined) {
        if (!usedAsDlq)
          report(
            'iac-missing-dlq',
            node,
            `queue ${id || name || ''} has no deadLetterQueue: a poison message is retried until retention deletes it`,
          );
        else if (
          name !== undefined &&
          !new RegExp(
            `${escapeRe(name)}\\s*\\.\\s*metric|metrics?:\\s*${escapeRe(name)}|${escapeRe(name)}\\.queueName`,
          ).test(src) &&
          !/new\s+\w*\.?Alarm\b/.test(src)
        )
          report(
            'iac-missing-dlq',
            node,
            `dead-letter queue ${id || name} has no alarm: failed messages pile up unnoticed`,
          );
      } else {
        const max = numberValue(dlq?.props.get('maxReceiveCount'));
        if (max !== undefined && max > 3)
          report(
            'iac-missing-dlq',
            node,
            `maxReceiveCount ${max} > 3: a poison message is retried ${max} times before reaching the DLQ`,
          );
      }
    } else if (kind === 'SqsEventSource' || kind === 'KinesisEventSource' || kind === 'DynamoEventSource') {
      const p = objectProps(ctx.valueOf(args[1]));
      if (p?.spread) continue;
      const batchSize = numberValue(p?.props.get('batchSize'));
      if (!isBooleanLiteral(p?.props.get('reportBatchItemFailures'), true) && batchSize !== 1)
        report(
          'batch-no-partial-failure',
          node,
          `${kind} without reportBatchItemFailures: one failed record fails the whole batch`,
        );
      if (kind !== 'SqsEventSource' && p?.props.get('onFailure') === undefined)
        report(
          'iac-missing-dlq',
          node,
          `${kind} without onFailure: failed records are retried until they expire, then dropped`,
        );
      if (kind === 'SqsEventSource' && p?.props.get('maxConcurrency') === undefined) {
        // `fn.addEventSource(new SqsEventSource(...))`: the function may reserve concurrency itself.
        const parent = ctx.parentOf(node);
        const target =
          parent?.type === 'CallExpression' ? ctx.valueOf(unwrap(parent.callee)?.object) : undefined;
        const fnProps =
          target?.type === 'NewExpression' ? objectProps(ctx.valueOf(target.arguments[2])) : undefined;
        if (fnProps?.spread || fnProps?.props.has('reservedConcurrentExecutions')) continue;
        report(
          'iac-no-reserved-concurrency',
          node,
          'SQS event source without maxConcurrency on a function without reserved concurrency: a backlog scales out without limit',
        );
      }
    } else if (
      kind === 'LambdaFunction' &&
      ctx.importRoot(node.callee)?.source.includes('aws-events-targets')
    ) {
      // An EventBridge rule invokes the function asynchronously: failed deliveries need somewhere to go.
      const p = objectProps(ctx.valueOf(args[1]));
      if (p?.spread || p?.props.has('deadLetterQueue')) continue;
      report(
        'iac-missing-dlq',
        node,
        'EventBridge target LambdaFunction without deadLetterQueue: events that fail delivery are dropped',
      );
    } else if (kind === 'EventBus') {
      if (name !== undefined && new RegExp(`${escapeRe(name)}\\s*\\.\\s*archive\\(`).test(src)) continue;
      if (/new\s+(\w+\.)?Archive\(/.test(src)) continue;
      report(
        'iac-no-event-archive',
        node,
        `event bus ${id || name || ''} has no archive: lost events cannot be replayed`,
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
    } else if (kind === 'Function' || kind === 'NodejsFunction') {
      const timeout = durationSeconds(props?.props.get('timeout'));
      if (timeout === undefined || timeout <= 29 || name === undefined || !functionsBehindApi.has(name))
        continue;
      report(
        'iac-gateway-timeout-exceeds-lambda',
        node,
        `function timeout ${timeout}s exceeds API Gateway's 29s integration timeout`,
      );
    }
  }
};
