// Synthesises the stack (no AWS account, no network) and holds it to what the README promises: the
// redrive policy, the DLQ alarm, partial batch responses, bounded concurrency, TTL on the idempotency
// table, least-privilege IAM, the probe schedule and timeouts that agree.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_TIMING } from '../src/config.js';
import { PROBE_TIMING } from '../src/probe.js';
import { bundleOrdersService } from './bundle.js';
import { OrdersStack } from './OrdersStack.js';
import { ORDERS_SIZING } from './sizing.js';

let dir: string;
let bundle: string;
let template: Template;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orders-stack-'));
  bundle = await bundleOrdersService(join(dir, 'dist'));
  const code = Code.fromAsset(bundle);
  const app = new App({ outdir: join(dir, 'cdk.out') });
  template = Template.fromStack(
    new OrdersStack(app, 'Orders', { code, paymentsUrl: 'https://payments.test' }),
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Resource = { Properties: Record<string, unknown> };
const fn = (handler: string): Resource => {
  const found = Object.values(
    template.findResources('AWS::Lambda::Function', { Properties: { Handler: handler } }),
  );
  expect(found).toHaveLength(1);
  return found[0] as Resource;
};
const policyOf = (handler: string): unknown[] => {
  const roleRef = (fn(handler).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleRef }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
};

describe('the bundle', () => {
  it('exports the three handlers the functions name', () => {
    // Importing it would start a cold start against AWS; its export list is enough here.
    const text = readFileSync(join(bundle, 'lambda.mjs'), 'utf8');
    const exported = /export\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
    for (const handler of ['lambda.consume', 'lambda.api', 'lambda.probe']) {
      fn(handler);
      expect(exported, handler).toMatch(new RegExp(`\\b(as )?${handler.split('.')[1]}\\b`));
    }
  });
});

describe('the queue', () => {
  it('parks a message in the DLQ after maxReceiveCount deliveries (>= 5, AWS guidance for Lambda)', () => {
    expect(ORDERS_SIZING.maxReceiveCount).toBeGreaterThanOrEqual(5);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: ORDERS_SIZING.visibilityTimeoutSeconds,
      RedrivePolicy: {
        deadLetterTargetArn: Match.anyValue(),
        maxReceiveCount: ORDERS_SIZING.maxReceiveCount,
      },
    });
  });

  it('keeps the visibility timeout at least six times the consumer timeout', () => {
    expect(fn('lambda.consume').Properties.Timeout).toBe(ORDERS_SIZING.consumerTimeoutSeconds);
    expect(ORDERS_SIZING.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      6 * ORDERS_SIZING.consumerTimeoutSeconds,
    );
  });

  it('alarms as soon as one message is in the DLQ', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
    });
  });

  it('feeds the consumer with partial batch responses and bounded concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: ORDERS_SIZING.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: ORDERS_SIZING.maxConcurrency },
    });
  });
});

describe('the tables and parameters', () => {
  it('expires idempotency records with a TTL on the attribute Powertools writes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('creates the payments breaker parameter with a valid closed document', () => {
    const params = Object.values(template.findResources('AWS::SSM::Parameter')) as Resource[];
    expect(params).toHaveLength(1);
    expect(params[0]?.Properties.Name).toBe('/orders-service/breakers/payments');
    expect(JSON.parse(String(params[0]?.Properties.Value))).toMatchObject({
      state: 'closed',
      dependency: 'payments',
    });
  });
});

describe('least privilege', () => {
  it('lets the consumer write orders, use the idempotency table and only read the breaker parameter', () => {
    const statements = JSON.stringify(policyOf('lambda.consume'));
    expect(statements).not.toContain('ssm:PutParameter');
    expect(statements).not.toMatch(/"(dynamodb|ssm):\*"/);
    expect(statements).toContain('ssm:GetParameter');
    expect(statements).toContain('sqs:DeleteMessage');
  });

  it('lets the status API read orders only', () => {
    const statements = policyOf('lambda.api') as { Action: string | string[] }[];
    expect(statements.flatMap((s) => s.Action)).toEqual(['dynamodb:GetItem']);
  });

  it('lets the probe read and write its one parameter, nothing else', () => {
    const statements = policyOf('lambda.probe') as { Action: string[]; Resource: unknown }[];
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toEqual(['ssm:GetParameter', 'ssm:PutParameter']);
    expect(JSON.stringify(statements[0]?.Resource)).toContain('"Ref":"PaymentsBreaker');
  });

  it('grants no action on every resource', () => {
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy')) as Resource[]) {
      for (const s of (
        policy.Properties.PolicyDocument as { Statement: { Resource: unknown; Action: unknown }[] }
      ).Statement) {
        expect(s.Resource).not.toBe('*');
      }
    }
  });
});

describe('the probe and the timeouts', () => {
  it('runs the probe alone, on its schedule, and finishes before the next run', () => {
    expect(fn('lambda.probe').Properties.ReservedConcurrentExecutions).toBe(1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${PROBE_TIMING.retryAfterSeconds / 60} minute)`,
    });
    expect(ORDERS_SIZING.probeWorstMs).toBeLessThan(ORDERS_SIZING.probeTimeoutSeconds * 1_000);
    expect(ORDERS_SIZING.probeTimeoutSeconds).toBeLessThan(PROBE_TIMING.retryAfterSeconds);
  });

  it('answers the API inside the function timeout, and the function inside the integration timeout', () => {
    const apiTimeout = fn('lambda.api').Properties.Timeout as number;
    expect(LAMBDA_TIMING.tableTotalMs + 500).toBeLessThan(apiTimeout * 1_000);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      TimeoutInMillis: ORDERS_SIZING.apiIntegrationTimeoutSeconds * 1_000,
    });
    expect(apiTimeout).toBeLessThan(ORDERS_SIZING.apiIntegrationTimeoutSeconds);
    expect(ORDERS_SIZING.apiIntegrationTimeoutSeconds).toBeLessThanOrEqual(30);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /orders/{orderId}' });
  });

  it('gives one charge (every attempt, backoff and the table write) room inside the consumer timeout', () => {
    const oneRecordMs =
      LAMBDA_TIMING.paymentsTotalMs + LAMBDA_TIMING.tableTotalMs + LAMBDA_TIMING.safetyMarginMs;
    expect(oneRecordMs).toBeLessThan(ORDERS_SIZING.consumerTimeoutSeconds * 1_000);
  });
});
