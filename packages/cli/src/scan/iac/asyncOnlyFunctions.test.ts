// Functions a template gives an asynchronous failure target and no trigger: invoked asynchronously.
import { describe, expect, it } from 'vitest';
import { asyncOnlyFunctionIds, serverlessAsyncOnly } from './asyncOnlyFunctions.js';
import type { Json } from './IacResult.js';

/** `!Sub` of `text`: CloudFormation's `${...}` syntax, not a JavaScript template. */
const sub = (text: string): Json => ({ 'Fn::Sub': text });
const urlSuffix = (service: string): Json => sub(`${service}.$\{AWS::URLSuffix}`);

const dlq = { Type: 'SQS', TargetArn: 'arn:aws:sqs:eu-west-1:000000000000:dlq' };
const fn = (props: Record<string, Json>, type = 'AWS::Serverless::Function'): Json => ({
  Type: type,
  Properties: { Handler: 'index.handler', ...props },
});

describe('asyncOnlyFunctionIds', () => {
  it.each([
    ['a DeadLetterQueue', fn({ DeadLetterQueue: dlq })],
    [
      'a plain function DeadLetterConfig',
      fn({ DeadLetterConfig: { TargetArn: 'arn' } }, 'AWS::Lambda::Function'),
    ],
    [
      'an EventInvokeConfig OnFailure',
      fn({ EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: 'SQS' } } } }),
    ],
    ['an empty Events map', fn({ DeadLetterQueue: dlq, Events: {} })],
  ])('takes a function with %s and no trigger', (_, f) => {
    expect([...asyncOnlyFunctionIds({ F: f })]).toEqual(['F']);
  });

  it('takes a function an AWS::Lambda::EventInvokeConfig gives an on-failure destination', () => {
    const config = {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: { FunctionName: { Ref: 'F' }, Qualifier: '$LATEST', DestinationConfig: { OnFailure: {} } },
    };
    expect([...asyncOnlyFunctionIds({ F: fn({}), C: config })]).toEqual(['F']);
  });

  it("leaves a function with no target of its own (a Globals target is every function's)", () => {
    expect(asyncOnlyFunctionIds({ F: fn({}) }).size).toBe(0);
  });

  it.each([
    ['an event', fn({ DeadLetterQueue: dlq, Events: { Api: { Type: 'Api' } } })],
    ['a function URL', fn({ DeadLetterQueue: dlq, FunctionUrlConfig: { AuthType: 'NONE' } })],
  ])('leaves a function with %s', (_, f) => {
    expect(asyncOnlyFunctionIds({ F: f }).size).toBe(0);
  });

  it.each([
    [
      'an API Gateway method',
      {
        Type: 'AWS::ApiGateway::Method',
        Properties: { Integration: { Uri: { 'Fn::Join': ['', [{ 'Fn::GetAtt': 'F.Arn' }]] } } },
      },
    ],
    [
      'a load balancer target group',
      {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { Targets: [{ Id: { 'Fn::GetAtt': ['F', 'Arn'] } }] },
      },
    ],
    [
      'a function URL resource',
      { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { Ref: 'F' } } },
    ],
    [
      'an API Gateway invoke permission',
      {
        Type: 'AWS::Lambda::Permission',
        Properties: { FunctionName: { Ref: 'F' }, Principal: 'apigateway.amazonaws.com' },
      },
    ],
    [
      'an event source mapping',
      { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'F' } } },
    ],
  ])('leaves a function that %s calls', (_, caller) => {
    expect(asyncOnlyFunctionIds({ F: fn({ DeadLetterQueue: dlq }), C: caller as Json }).size).toBe(0);
  });

  const permission = (principal: Json): Json => ({
    Type: 'AWS::Lambda::Permission',
    Properties: { FunctionName: { Ref: 'F' }, Principal: principal },
  });

  it.each([['events.amazonaws.com'], [urlSuffix('scheduler')], ['s3.amazonaws.com']])(
    'keeps a function an invoke permission for %j names (an async caller)',
    (principal) => {
      const out = asyncOnlyFunctionIds({ F: fn({ DeadLetterQueue: dlq }), P: permission(principal) });
      expect([...out]).toEqual(['F']);
    },
  );

  it.each([
    [urlSuffix('apigateway')],
    ['connect.amazonaws.com'],
    ['bedrock.amazonaws.com'],
    ['vpc-lattice.amazonaws.com'],
    ['sqs.amazonaws.com'],
    ['123456789012'],
    [{ Ref: 'CallerAccount' }],
  ])('leaves a function an invoke permission for %j names (not a known async source)', (principal) => {
    const out = asyncOnlyFunctionIds({ F: fn({ DeadLetterQueue: dlq }), P: permission(principal) });
    expect(out.size).toBe(0);
  });
});

describe('serverlessAsyncOnly', () => {
  it('takes a function with onError or an onFailure destination and no events', () => {
    expect(
      serverlessAsyncOnly({
        a: { handler: 'a.h', onError: 'arn:aws:sns:eu-west-1:000000000000:dlq' },
        b: { handler: 'b.h', destinations: { onFailure: 'arn' }, events: [] },
      }),
    ).toEqual(['a', 'b']);
  });

  it.each([
    ['events', { handler: 'a.h', onError: 'arn', events: [{ http: 'GET /' }] }],
    ['a function URL', { handler: 'a.h', onError: 'arn', url: true }],
    ['no failure target', { handler: 'a.h' }],
  ])('leaves a function with %s', (_, f) => {
    expect(serverlessAsyncOnly({ a: f as Json })).toEqual([]);
  });

  it.each([
    [
      'an API Gateway method',
      {
        Type: 'AWS::ApiGateway::Method',
        Properties: { Integration: { Uri: sub(`arn:aws:$\{SendDashdigestLambdaFunction.Arn}`) } },
      },
    ],
    [
      'an API Gateway invoke permission',
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { 'Fn::GetAtt': ['SendDashdigestLambdaFunction', 'Arn'] },
          Principal: 'apigateway.amazonaws.com',
        },
      },
    ],
  ])('leaves a function that %s under resources.Resources calls', (_, caller) => {
    const functions = { 'send-digest': { handler: 'a.h', onError: 'arn' } };
    expect(serverlessAsyncOnly(functions, { C: caller as Json })).toEqual([]);
    expect(serverlessAsyncOnly(functions, {})).toEqual(['send-digest']);
  });
});
