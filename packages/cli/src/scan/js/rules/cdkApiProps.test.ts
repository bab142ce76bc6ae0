// A project API construct routing a positional constructor argument: the finding names the argument.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { gatewayTimeouts } from './cdkApiFunctions.js';

describe('routedPropsBuilt', () => {
  it('names a routed positional argument by its 1-based position, not its internal key', () => {
    const ctx = contextOf(
      `import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
class ReportAPI extends Construct {
  constructor(scope, id, fn) {
    super(scope, id);
    new apigw.LambdaIntegration(fn);
  }
}
export class Stack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const f = new lambda.Function(this, 'F', { timeout: cdk.Duration.seconds(60) });
    new ReportAPI(this, 'R', f);
  }
}`,
      '/app/infra/stack.ts',
    );
    const messages: string[] = [];
    gatewayTimeouts(ctx, (_rule, _node, message) => messages.push(message));
    expect(messages.some((m) => m.includes('ReportAPI routes its argument 3 behind the API'))).toBe(true);
  });
});
