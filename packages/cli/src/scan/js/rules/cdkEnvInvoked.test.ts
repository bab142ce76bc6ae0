// Which CDK functions handed to another function's environment the stack reports for iac-missing-dlq
// (the project pass then keeps only those whose holder's code invokes them asynchronously).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { cdkRules } from './cdk.js';
import type { Extra } from './Report.js';

const HEAD = `import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
export class S extends Stack { constructor(scope, id, props) { super(scope, id);
const table = new dynamodb.Table(this, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
`;

/** The iac-missing-dlq findings of a stack body, with the env variables each waits on. */
function findings(body: string): { line: number; variables: readonly string[] | undefined }[] {
  const source = `${HEAD}${body}\n} }\n`;
  const ctx = contextOf(source, '/app/lib/stack.ts');
  const out: { line: number; variables: readonly string[] | undefined }[] = [];
  cdkRules(ctx, (rule: string, node: Node, _message: string, extra?: Extra) => {
    if (rule === 'iac-missing-dlq')
      out.push({
        line: ctx.position(node.start as number).line,
        variables: extra?.onlyIfEnvInvoked?.variables,
      });
  });
  return out;
}

const SEND = `const send = new NodejsFunction(this, 'Send', { entry: 'src/send.ts', environment: { QUEUE: table.tableName } });
table.grantReadWriteData(send);`;

describe('envInvokedWithoutDlq', () => {
  it.each([
    [
      'handed in the holder construct’s environment',
      `${SEND}
new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { SEND_FN: send.functionName } });`,
      [['SEND_FN']],
    ],
    [
      'handed by addEnvironment',
      `${SEND}
const api = new NodejsFunction(this, 'Api', { entry: 'src/api.ts' });
api.addEnvironment('SEND_FN_ARN', send.functionArn);`,
      [['SEND_FN_ARN']],
    ],
    [
      'its failures kept by configureAsyncInvoke({ onFailure })',
      `${SEND}
send.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(props.failed) });
new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { SEND_FN: send.functionName } });`,
      [],
    ],
    [
      'built from spread props the module cannot read',
      `const send = new NodejsFunction(this, 'Send', { ...props.sendProps });
new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { SEND_FN: send.functionName } });`,
      [],
    ],
    [
      'retryAttempts 0 with its reason, still reported: a reason for not retrying keeps no failed event',
      `const send = new NodejsFunction(this, 'Send', { entry: 'src/send.ts', environment: { QUEUE: table.tableName },
  retryAttempts: 0, // a stale send is redone by the next request
});
table.grantReadWriteData(send);
new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { SEND_FN: send.functionName } });`,
      [['SEND_FN']],
    ],
    [
      // Reported once, at the call, whatever the holder's code does: the call is the evidence of async use.
      'retries turned off by configureAsyncInvoke: at the call, with no condition on the env',
      `${SEND}
send.configureAsyncInvoke({ retryAttempts: 0 });
new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { SEND_FN: send.functionName } });`,
      [undefined],
    ],
  ])('%s', (_name, body, expected) => {
    // Act
    const found = findings(body);

    // Assess
    expect(found.map((f) => f.variables)).toEqual(expected);
  });

  it('reports a function that is also an EventBridge rule target once, at the target', () => {
    // Act
    const found = findings(`${SEND}
new events.Rule(this, 'R', { eventPattern: { source: ['x'] } }).addTarget(new targets.LambdaFunction(send));
new NodejsFunction(this, 'Api', { entry: 'src/api.ts', environment: { SEND_FN: send.functionName } });`);

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]?.variables).toBeUndefined();
  });
});
