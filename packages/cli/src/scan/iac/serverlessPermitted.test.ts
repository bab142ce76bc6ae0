// Functions a service lets a source deployed elsewhere invoke asynchronously, found by their permissions.
import { describe, expect, it } from 'vitest';
import type { Json } from './IacResult.js';
import { functionLogicalId, permittedInvokers } from './serverlessPermitted.js';

const permission = (fn: Json, principal: string, source: Json): Json => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { FunctionName: fn, Action: 'lambda:InvokeFunction', Principal: principal, SourceArn: source },
});

describe('functionLogicalId', () => {
  it.each([
    ['sendDigest', 'SendDigestLambdaFunction'],
    ['send-digest', 'SendDashdigestLambdaFunction'],
    ['send_digest', 'SendUnderscoredigestLambdaFunction'],
  ])('names %s %s', (key, id) => {
    expect(functionLogicalId(key)).toBe(id);
  });
});

describe('permittedInvokers', () => {
  it.each([
    [
      'an external rule',
      permission({ 'Fn::GetAtt': ['SendDigestLambdaFunction', 'Arn'] }, 'events.amazonaws.com', {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a template
        'Fn::Sub': 'arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/nightly',
      }),
      'events.amazonaws.com',
    ],
    [
      'an external topic by Ref',
      permission(
        { Ref: 'SendDigestLambdaFunction' },
        'sns.amazonaws.com',
        'arn:aws:sns:eu-west-1:123456789012:alerts',
      ),
      'sns.amazonaws.com',
    ],
    [
      'a topic of the configuration',
      permission({ Ref: 'SendDigestLambdaFunction' }, 'sns.amazonaws.com', { Ref: 'Alerts' }),
      undefined,
    ],
    [
      'API Gateway (synchronous)',
      permission(
        { Ref: 'SendDigestLambdaFunction' },
        'apigateway.amazonaws.com',
        'arn:aws:execute-api:eu-west-1:123456789012:api/*',
      ),
      undefined,
    ],
    [
      'no source',
      permission({ Ref: 'SendDigestLambdaFunction' }, 'events.amazonaws.com', undefined),
      undefined,
    ],
  ])('%s', (_, resource, expected) => {
    // Prepare
    const config = {
      functions: { sendDigest: { handler: 'src/send.handler' } },
      resources: { Resources: { Permission: resource, Alerts: { Type: 'AWS::SNS::Topic' } } },
    } as Record<string, Json>;

    // Act
    const invokers = permittedInvokers(config);

    // Assess
    expect(invokers.get('sendDigest')).toBe(expected);
  });
});
