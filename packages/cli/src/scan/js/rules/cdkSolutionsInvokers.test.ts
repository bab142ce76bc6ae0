import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { cdkRules } from './cdk.js';

const HEAD = [
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  "import { IotToLambda } from '@aws-solutions-constructs/aws-iot-lambda';",
  "import { SnsToLambda } from '@aws-solutions-constructs/aws-sns-lambda';",
  "import { EventbridgeToLambda } from '@aws-solutions-constructs/aws-eventbridge-lambda';",
  "import { SqsToLambda } from '@aws-solutions-constructs/aws-sqs-lambda';",
  '',
].join('\n');

/** Lines (1-based, counted in `body`) of every iac-missing-dlq finding the CDK passes make. */
function dlqLines(body: string): number[] {
  const source = HEAD + body;
  const offset = HEAD.split('\n').length - 1;
  const found: number[] = [];
  cdkRules(contextOf(source), (rule, node: Node) => {
    if (rule === 'iac-missing-dlq')
      found.push(source.slice(0, node.start as number).split('\n').length - offset);
  });
  return found;
}

const FN = [
  "const fn = new lambda.Function(this, 'Alerts', {",
  "  code: lambda.Code.fromAsset('lambda'), handler: 'alerts.handler', runtime: lambda.Runtime.NODEJS_20_X,",
  '  environment: { TABLE: table.tableName },',
  '});',
  '',
].join('\n');
const RULE = 'iotTopicRuleProps: { topicRulePayload: { sql: "SELECT * FROM \'alerts\'", actions: [] } }';
const OWN = "lambdaFunctionProps: { code: lambda.Code.fromAsset('lambda'), handler: 'a.handler', runtime }";

describe('aws-solutions-constructs patterns that invoke a function asynchronously', () => {
  it.each([
    [
      'IotToLambda handed a function built here',
      `${FN}new IotToLambda(this, 'Rule', { existingLambdaObj: fn, ${RULE} });`,
      [1],
    ],
    [
      'the props held in a typed const first',
      `${FN}const props: IotToLambdaProps = { existingLambdaObj: fn, ${RULE} };\nnew IotToLambda(this, 'Rule', props);`,
      [1],
    ],
    [
      'SnsToLambda building its own function, reported at the pattern',
      `new SnsToLambda(this, 'Topic', { ${OWN} });`,
      [1],
    ],
    [
      'an EventbridgeToLambda on an event pattern',
      `new EventbridgeToLambda(this, 'E', { ${OWN}, eventRuleProps: { eventPattern: { source: ['orders'] } } });`,
      [1],
    ],
  ])('reports %s', (_name, body, expected) => {
    expect(dlqLines(body)).toEqual(expected);
  });

  it.each([
    [
      'a DLQ on the function',
      `${FN.replace("'alerts.handler',", "'alerts.handler', deadLetterQueue: dlq,")}new IotToLambda(this, 'R', { existingLambdaObj: fn, ${RULE} });`,
    ],
    [
      'a DLQ in the pattern-built function props',
      `new SnsToLambda(this, 'T', { ${OWN.replace(' }', ', onFailure: dest }')} });`,
    ],
    [
      'an onFailure configured on the pattern-built function afterwards',
      `const sub = new SnsToLambda(this, 'T', { ${OWN} });\nsub.lambdaFunction.configureAsyncInvoke({ onFailure: dest });`,
    ],
    [
      'a scheduled EventbridgeToLambda: the next run is the retry',
      `new EventbridgeToLambda(this, 'E', { ${OWN}, eventRuleProps: { schedule: events.Schedule.rate(d) } });`,
    ],
    // (its own dead-letter queue turned off, so the queue pass is silent too)
    [
      'SqsToLambda, which polls its queue',
      `new SqsToLambda(this, 'Q', { ${OWN}, deployDeadLetterQueue: false });`,
    ],
    [
      'a function handed in from elsewhere',
      `new IotToLambda(this, 'R', { existingLambdaObj: props.fn, ${RULE} });`,
    ],
  ])('leaves %s', (_name, body) => {
    expect(dlqLines(body)).toEqual([]);
  });

  it('counts an SST function given `bind` as one that does work (not one given nothing to act with)', () => {
    // Prepare
    const sst = [
      "const fn = new Function(stack, 'Alerts', { handler: 'src/alerts.main', bind: [rdsCluster] });",
      `new IotToLambda(stack, 'Rule', { existingLambdaObj: fn, ${RULE} });`,
    ].join('\n');

    // Act / Assess
    expect(dlqLines(`import { Function } from 'sst/constructs';\n${sst}`)).toEqual([2]);
    expect(dlqLines(sst.replace(', bind: [rdsCluster]', ''))).toEqual([]);
  });
});
