// Which serverless.yml functions a resource of the same configuration invokes asynchronously.
import { describe, expect, it } from 'vitest';
import type { Json } from './IacResult.js';
import { checkServerless } from './serverless.js';
import { checkResourceInvoked } from './serverlessResourceInvoked.js';

const getAtt = (id: string): Json => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** A configuration with these functions and resources. */
function config(functions: Record<string, Json>, resources: Record<string, Json>): Record<string, Json> {
  return { service: 'lists', functions, resources: { Resources: resources } };
}

/** The function keys reported, with the keys judged. */
function reported(c: Record<string, Json>, settled: ReadonlySet<string> = new Set()) {
  const keys: string[] = [];
  const judged = checkResourceInvoked(
    c,
    (rule, path) => {
      if (rule === 'iac-missing-dlq') keys.push(String(path[1]));
    },
    settled,
  );
  return { keys, judged: [...judged] };
}

const subscription = (fn: string): Json => ({
  Type: 'AWS::SNS::Subscription',
  Properties: { Protocol: 'lambda', TopicArn: { Ref: 'Done' }, Endpoint: getAtt(fn) },
});

describe('checkResourceInvoked', () => {
  it.each([
    ['an SNS subscription', { Sub: subscription('BundleLambdaFunction') }, 'bundle'],
    [
      'an EventBridge pattern rule',
      {
        Created: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventPattern: { source: ['aws.s3'] },
            Targets: [{ Arn: getAtt('BundleLambdaFunction'), Id: 'b' }],
          },
        },
      },
      'bundle',
    ],
    [
      "a bucket's Lambda notification",
      {
        Uploads: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            NotificationConfiguration: {
              LambdaConfigurations: [
                { Event: 's3:ObjectCreated:*', Function: getAtt('BundleLambdaFunction') },
              ],
            },
          },
        },
      },
      'bundle',
    ],
    ['a subscription of a dashed key', { Sub: subscription('ListDashbundleLambdaFunction') }, 'list-bundle'],
  ])('reports a function invoked by %s', (_, resources, key) => {
    const c = config({ [key]: { handler: 'src/b.handler' }, api: { handler: 'src/a.handler' } }, resources);
    expect(reported(c).keys).toEqual([key]);
  });

  it.each([
    [
      'an on-failure destination',
      { handler: 'src/b.handler', destinations: { onFailure: 'arn:aws:sqs:x' } },
      new Set<string>(),
    ],
    ['an EventInvokeConfig of the resources', { handler: 'src/b.handler' }, new Set(['bundle'])],
  ])('judges but does not report a function with %s', (_, fn, settled) => {
    const c = config({ bundle: fn }, { Sub: subscription('BundleLambdaFunction') });
    expect(reported(c, settled)).toEqual({ keys: [], judged: ['bundle'] });
  });

  it.each([
    [
      'a schedule rule (its next run is the retry)',
      {
        Nightly: {
          Type: 'AWS::Events::Rule',
          Properties: {
            ScheduleExpression: 'rate(1 day)',
            Targets: [{ Arn: getAtt('BundleLambdaFunction'), Id: 'b' }],
          },
        },
      },
    ],
    [
      'a permission alone (no invoker)',
      {
        Allow: {
          Type: 'AWS::Lambda::Permission',
          Properties: { Principal: 'sns.amazonaws.com', FunctionName: getAtt('BundleLambdaFunction') },
        },
      },
    ],
    [
      'a subscription of a function the configuration does not have',
      { Sub: subscription('OtherLambdaFunction') },
    ],
  ])('stays silent for %s', (_, resources) => {
    expect(reported(config({ bundle: { handler: 'src/b.handler' } }, resources))).toEqual({
      keys: [],
      judged: [],
    });
  });

  it('leaves a function with an async event of its own to its events', () => {
    const c = config(
      { bundle: { handler: 'src/b.handler', events: [{ sns: 'lists-done' }] } },
      { Sub: subscription('BundleLambdaFunction') },
    );
    expect(reported(c)).toEqual({ keys: [], judged: [] });
  });

  it('judges a function whose own eventBridge event is a schedule (no async event the events reader reports)', () => {
    const c = config(
      { bundle: { handler: 'src/b.handler', events: [{ eventBridge: { schedule: 'rate(1 hour)' } }] } },
      { Sub: subscription('BundleLambdaFunction') },
    );
    expect(reported(c)).toEqual({ keys: ['bundle'], judged: ['bundle'] });
  });

  it('reports a function once when a permission for an outside source also invokes it', () => {
    // Prepare: the subscription built here and a permission for a topic deployed elsewhere.
    const c = config(
      { bundle: { handler: 'src/b.handler' } },
      {
        Sub: subscription('BundleLambdaFunction'),
        Allow: {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Principal: 'sns.amazonaws.com',
            FunctionName: getAtt('BundleLambdaFunction'),
            SourceArn: 'arn:aws:sns:us-east-1:123456789012:elsewhere',
          },
        },
      },
    );
    const found: string[] = [];

    // Act
    checkServerless(c, (rule, path) => rule === 'iac-missing-dlq' && found.push(path.join('.')), []);

    // Assess
    expect(found).toEqual(['functions.bundle']);
  });
});
