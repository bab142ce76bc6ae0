import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { terraformCodeFacts, terraformUnreadHandlers } from './terraformHandlers.js';
import { samUnreadHandlers, serverlessUnreadHandlers } from './unreadAnswerHandlers.js';

describe('handlers whose invoker reads no answer', () => {
  it('reads serverless schedules and asynchronous events, not routes or queues alone', () => {
    const config = {
      functions: {
        job: { handler: 'src/job.main', events: [{ schedule: 'rate(1 hour)' }] },
        logs: { handler: 'src/logs.main', events: [{ cloudwatchLog: '/aws/lambda/x' }] },
        api: { handler: 'src/api.main', events: [{ httpApi: 'GET /x' }] },
      },
    };
    expect(serverlessUnreadHandlers(config)).toEqual(['src/job.main', 'src/logs.main']);
  });

  it('reads template resources that invoke a function: subscriptions, bucket notifications, rules', () => {
    const fn = (handler: string) => ({ Type: 'AWS::Lambda::Function', Properties: { Handler: handler } });
    const template = {
      Resources: {
        Notify: fn('notify.handler'),
        Thumbs: fn('thumbs.handler'),
        Audit: fn('audit.handler'),
        Api: fn('api.handler'),
        Sub: {
          Type: 'AWS::SNS::Subscription',
          Properties: { Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Notify', 'Arn'] } },
        },
        Uploads: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            NotificationConfiguration: {
              LambdaConfigurations: [{ Function: { 'Fn::GetAtt': ['Thumbs', 'Arn'] } }],
            },
          },
        },
        Rule: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventPattern: { source: ['orders'] },
            Targets: [{ Arn: { 'Fn::GetAtt': ['Audit', 'Arn'] } }],
          },
        },
      },
    };
    expect(samUnreadHandlers(template).sort()).toEqual(['audit.handler', 'notify.handler', 'thumbs.handler']);
  });

  it('names a Terraform function a scheduler invokes only by package, folder and module', () => {
    const facts = terraformCodeFacts(
      parseHcl(`
resource "aws_lambda_function" "digest" {
  handler  = "dist/index.handler"
  filename = "../functions/digest.zip"
}
resource "aws_lambda_function" "api" {
  handler  = "dist/index.handler"
  filename = "../functions/api.zip"
}
resource "aws_scheduler_schedule" "weekly" {
  target {
    arn = aws_lambda_function.digest.arn
  }
}
`),
    );
    expect(terraformUnreadHandlers([{ dir: 'infra', facts }])).toEqual([
      'digest/dist/index.handler',
      'digest/src/index.handler',
    ]);
  });
});
