// Functions a service lets a source deployed elsewhere invoke asynchronously, found by their permissions.
import { describe, expect, it, vi } from 'vitest';
import type { Json } from './IacResult.js';
import { invokedByName } from './serverlessInvoked.js';
import { checkPermittedInvokers, permittedInvokers } from './serverlessPermitted.js';
import { functionLogicalId } from './serverlessStepTasks.js';

const permission = (fn: Json, principal: Json, source: Json): Json => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { FunctionName: fn, Action: 'lambda:InvokeFunction', Principal: principal, SourceArn: source },
});
const external = 'arn:aws:sns:eu-west-1:123456789012:alerts';
const digest = { Ref: 'SendDigestLambdaFunction' };

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
      'an external rule (a schedule or a pattern rule: not told apart)',
      permission({ 'Fn::GetAtt': ['SendDigestLambdaFunction', 'Arn'] }, 'events.amazonaws.com', {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a template
        'Fn::Sub': 'arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/nightly',
      }),
      undefined,
    ],
    ['an external topic by Ref', permission(digest, 'sns.amazonaws.com', external), 'sns'],
    [
      'an external SES rule',
      permission(digest, 'ses.amazonaws.com', 'arn:aws:ses:eu-west-1:1:receipt-rule-set/x'),
      'ses',
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a template
    ['a partition suffix', permission(digest, { 'Fn::Sub': 'sns.${AWS::URLSuffix}' }, external), 'sns'],
    [
      'the deployed name',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the Framework's variables, not a template
      permission('${self:service}-${sls:stage}-sendDigest', 'sns.amazonaws.com', external),
      'sns',
    ],
    ['a topic of the configuration', permission(digest, 'sns.amazonaws.com', { Ref: 'Alerts' }), undefined],
    [
      'a topic the Framework generates',
      permission(digest, 'sns.amazonaws.com', { Ref: 'SNSTopicPings' }),
      undefined,
    ],
    [
      'a topic of the configuration by its built name',
      permission(digest, 'sns.amazonaws.com', {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a template
        'Fn::Sub': 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:${self:service}-alerts',
      }),
      undefined,
    ],
    [
      'an event topic by name',
      permission(digest, 'sns.amazonaws.com', 'arn:aws:sns:eu-west-1:1:pings'),
      undefined,
    ],
    [
      'API Gateway (synchronous)',
      permission(digest, 'apigateway.amazonaws.com', 'arn:aws:execute-api:eu-west-1:123456789012:api/*'),
      undefined,
    ],
    ['no source', permission(digest, 'sns.amazonaws.com', undefined), undefined],
  ])('%s', (_, resource, expected) => {
    // Prepare
    const config = {
      service: 'notices',
      functions: { sendDigest: { handler: 'src/send.handler' }, pinger: { events: [{ sns: 'pings' }] } },
      resources: {
        Resources: {
          Permission: resource,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the Framework's variable, not a template
          Alerts: { Type: 'AWS::SNS::Topic', Properties: { TopicName: '${self:service}-alerts' } },
        },
      },
    } as Record<string, Json>;

    // Act
    const { invoked } = permittedInvokers(config);

    // Assess
    expect(invoked.get('sendDigest')).toBe(expected);
  });
});

describe('checkPermittedInvokers', () => {
  const invokeConfig = {
    Type: 'AWS::Lambda::EventInvokeConfig',
    Properties: { FunctionName: digest, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:x' } } },
  };
  it.each([
    ['no events, no target', { handler: 'src/send.handler' }, {}, 1],
    ['events of its own', { handler: 'src/send.handler', events: [{ http: 'GET /' }] }, {}, 0],
    [
      'an on-failure destination',
      { handler: 'src/send.handler', destinations: { onFailure: 'arn:x' } },
      {},
      0,
    ],
    ['an EventInvokeConfig', { handler: 'src/send.handler' }, { Config: invokeConfig }, 0],
  ])('%s', (_, fn, extra, reports) => {
    // Prepare
    const report = vi.fn();
    const config = {
      service: 'notices',
      functions: { sendDigest: fn },
      resources: { Resources: { Permission: permission(digest, 'sns.amazonaws.com', external), ...extra } },
    } as Record<string, Json>;

    // Act
    checkPermittedInvokers(config, report);

    // Assess
    expect(report).toHaveBeenCalledTimes(reports);
  });

  it('answers the keys it judged, which invokedByName then leaves alone', () => {
    // Prepare
    const report = vi.fn();
    const config = {
      service: 'notices',
      functions: { sendDigest: { handler: 'src/send.handler' } },
      resources: { Resources: { Permission: permission(digest, 'sns.amazonaws.com', external) } },
    } as Record<string, Json>;

    // Act
    invokedByName(config, report, checkPermittedInvokers(config, report));

    // Assess
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]?.[2]).toContain('by sns');
  });
});
