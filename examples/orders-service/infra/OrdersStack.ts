// The orders service on AWS: what each resource is for, and why each number is what it is. Synthesised
// and checked in OrdersStack.test.ts; never deployed by the tests.
import { serializeBreakerDocument } from '@bulwark/policies';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { BREAKER_PREFIX } from '../src/config.js';
import { PROBE_TIMING } from '../src/probe.js';
import { ORDERS_SIZING } from './sizing.js';

/** What the stack needs from outside: the bundled code and where payments is. */
export interface OrdersStackProps extends StackProps {
  /** The bundle holding `lambda.mjs` (built by infra/bundle.ts). */
  readonly code: Code;
  /** Base URL of the payments API. */
  readonly paymentsUrl: string;
}

/**
 * The orders service: a queue with its DLQ, the consumer, the status API and the breaker probe.
 *
 * @example
 * ```ts
 * new OrdersStack(new App(), 'orders', { code: Code.fromAsset('dist'), paymentsUrl: 'https://payments.internal' });
 * ```
 */
export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);
    const sizing = ORDERS_SIZING;

    const dlq = new Queue(this, 'ChargeOrdersDlq', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const queue = new Queue(this, 'ChargeOrders', {
      // AWS: at least six times the function timeout, so a batch that is retried by Lambda after a
      // throttle is not made visible again while it still runs.
      visibilityTimeout: Duration.seconds(sizing.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Every delivery counts, including records skipped while the payments breaker is open. 10 deliveries
      // one visibility timeout apart ride out a payments outage of about an hour before a message is
      // parked; a poison message costs 10 short invocations. AWS asks for at least 5 with Lambda.
      deadLetterQueue: { queue: dlq, maxReceiveCount: sizing.maxReceiveCount },
    });

    const ordersTable = new Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Powertools idempotency's default layout: `id` key, `expiration` as the TTL attribute.
    const idempotencyTable = new Table(this, 'Idempotency', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiration',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The fleet breaker state of payments. Its value here is only the first one: the probe (or an operator
    // with `bulwark breaker`) overwrites it, and CloudFormation writes it again only if this text changes,
    // which is why it carries a fixed date and no synth-time timestamp.
    const breakerParameter = new StringParameter(this, 'PaymentsBreaker', {
      parameterName: `${BREAKER_PREFIX}payments`,
      description: 'Fleet breaker state of payments; written by the breaker probe only',
      stringValue: serializeBreakerDocument({
        version: 1,
        dependency: 'payments',
        state: 'closed',
        since: '2026-01-01T00:00:00.000Z',
        writtenBy: { kind: 'operator', id: 'cloudformation' },
        updatedAt: '2026-01-01T00:00:00.000Z',
      }),
    });

    const environment = {
      PAYMENTS_URL: props.paymentsUrl,
      ORDERS_TABLE: ordersTable.tableName,
      IDEMPOTENCY_TABLE: idempotencyTable.tableName,
      POWERTOOLS_SERVICE_NAME: 'orders-service',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const common = (name: string) => ({
      runtime: Runtime.NODEJS_24_X,
      code: props.code,
      memorySize: 512,
      environment,
      logGroup: new LogGroup(this, `${name}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });

    const consumer = new LambdaFn(this, 'Consumer', {
      ...common('Consumer'),
      handler: 'lambda.consume',
      timeout: Duration.seconds(sizing.consumerTimeoutSeconds),
      description: 'Charges orders from the ChargeOrders queue',
    });
    consumer.addEventSource(
      new SqsEventSource(queue, {
        batchSize: sizing.batchSize,
        maxBatchingWindow: Duration.seconds(1),
        // Only the failed records come back (sqsHandler reports them), not the whole batch.
        reportBatchItemFailures: true,
        // At most this many batches at once: payments sees at most batchSize x this in flight.
        maxConcurrency: sizing.maxConcurrency,
      }),
    );
    // Least privilege: write orders, use the idempotency table, read the breaker state.
    consumer.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [ordersTable.tableArn] }),
    );
    consumer.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [idempotencyTable.tableArn],
      }),
    );
    consumer.addToRolePolicy(
      new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [breakerParameter.parameterArn] }),
    );

    const api = new LambdaFn(this, 'StatusApi', {
      ...common('StatusApi'),
      handler: 'lambda.api',
      timeout: Duration.seconds(sizing.apiTimeoutSeconds),
      description: 'GET /orders/{orderId}',
    });
    api.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [ordersTable.tableArn] }),
    );
    const httpApi = new HttpApi(this, 'OrdersApi', { description: 'Order status' });
    httpApi.addRoutes({
      path: '/orders/{orderId}',
      methods: [HttpMethod.GET],
      // The integration waits longer than the function may run, so a slow request ends as the function's
      // own 503/504 problem+json, not as API Gateway's bare 503.
      integration: new HttpLambdaIntegration('StatusIntegration', api, {
        timeout: Duration.seconds(sizing.apiIntegrationTimeoutSeconds),
      }),
    });

    const probe = new LambdaFn(this, 'BreakerProbe', {
      ...common('BreakerProbe'),
      handler: 'lambda.probe',
      timeout: Duration.seconds(sizing.probeTimeoutSeconds),
      // One probe at a time: it is the only automatic writer of the breaker state.
      reservedConcurrentExecutions: 1,
      description: 'Checks payments and writes its fleet breaker state',
    });
    probe.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter', 'ssm:PutParameter'],
        resources: [breakerParameter.parameterArn],
      }),
    );
    new Rule(this, 'ProbeSchedule', {
      schedule: Schedule.rate(Duration.seconds(PROBE_TIMING.retryAfterSeconds)),
      // No DLQ for the target on purpose: a missed probe run is replaced by the next one a minute later,
      // and a verdict that old is what retryAfterSeconds already tells callers to expect.
      targets: [new LambdaFunction(probe, { retryAttempts: 0 })],
    });

    new Alarm(this, 'DlqNotEmpty', {
      alarmDescription: 'Orders were parked in the DLQ: see docs/runbook.md, then redrive',
      metric: dlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    new CfnOutput(this, 'QueueUrl', { value: queue.queueUrl });
    new CfnOutput(this, 'DlqUrl', { value: dlq.queueUrl });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
  }
}
