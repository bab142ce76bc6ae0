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
        nightly: {
          handler: 'src/nightly.main',
          events: [{ eventBridge: { schedule: 'cron(0 2 * * ? *)' } }],
        },
        api: { handler: 'src/api.main', events: [{ httpApi: 'GET /x' }] },
      },
    };
    expect(serverlessUnreadHandlers(config)).toEqual({
      unread: ['src/job.main', 'src/logs.main', 'src/nightly.main'],
      // The schedules among them: an eventBridge event with a schedule is one, a log subscription is not.
      scheduled: ['src/job.main', 'src/nightly.main'],
    });
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
    const { unread, scheduled } = samUnreadHandlers(template);
    expect(unread.sort()).toEqual(['audit.handler', 'notify.handler', 'thumbs.handler']);
    // A rule with a pattern invokes on events, not on a schedule.
    expect(scheduled).toEqual([]);
  });

  it('reads a custom resource whose ServiceToken is a function: CloudFormation reads the response URL, not the answer', () => {
    const fn = (handler: string) => ({ Type: 'AWS::Serverless::Function', Properties: { Handler: handler } });
    const template = {
      Resources: {
        Empty: fn('empty.handler'),
        Seed: fn('seed.handler'),
        Api: fn('api.handler'),
        EmptyBucket: {
          Type: 'Custom::EmptyBucket',
          Properties: { ServiceToken: { 'Fn::GetAtt': ['Empty', 'Arn'] }, BucketName: { Ref: 'Bucket' } },
        },
        SeedTable: {
          Type: 'AWS::CloudFormation::CustomResource',
          Properties: { ServiceToken: { 'Fn::GetAtt': 'Seed.Arn' } },
        },
        Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      },
    };
    expect(samUnreadHandlers(template)).toEqual({ unread: ['empty.handler', 'seed.handler'], scheduled: [] });
  });

  it('notes the functions a schedule invokes apart: a Schedule event, a rule with a ScheduleExpression, the Scheduler', () => {
    const fn = (handler: string, events = {}) => ({
      Type: 'AWS::Serverless::Function',
      Properties: { Handler: handler, Events: events },
    });
    const template = {
      Resources: {
        Digest: fn('digest.handler', {
          Nightly: { Type: 'Schedule', Properties: { Schedule: 'rate(1 day)' } },
        }),
        Sweep: fn('sweep.handler'),
        Report: fn('report.handler'),
        Thumbs: fn('thumbs.handler', { Upload: { Type: 'S3' } }),
        Api: fn('api.handler', { Get: { Type: 'Api' } }),
        Hourly: {
          Type: 'AWS::Events::Rule',
          Properties: {
            ScheduleExpression: 'rate(1 hour)',
            Targets: [{ Arn: { 'Fn::GetAtt': ['Sweep', 'Arn'] } }],
          },
        },
        Weekly: {
          Type: 'AWS::Scheduler::Schedule',
          Properties: { Target: { Arn: { 'Fn::GetAtt': 'Report.Arn' } } },
        },
      },
    };
    const { unread, scheduled } = samUnreadHandlers(template);
    expect(unread.sort()).toEqual(['digest.handler', 'report.handler', 'sweep.handler', 'thumbs.handler']);
    expect(scheduled.sort()).toEqual(['digest.handler', 'report.handler', 'sweep.handler']);
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
  it('names a Terraform function packaged by an archive_file of another file under its source_dir', () => {
    const archive = terraformCodeFacts(
      parseHcl(`
data "archive_file" "jobs_zip" {
  type        = "zip"
  source_dir  = "\${path.module}/lambda"
  output_path = "\${path.module}/jobs.zip"
}
`),
    );
    const job = terraformCodeFacts(
      parseHcl(`
resource "aws_lambda_function" "recovery" {
  handler  = "job-recovery.handler"
  filename = data.archive_file.jobs_zip.output_path
}
resource "aws_cloudwatch_event_target" "recovery" {
  rule = aws_cloudwatch_event_rule.every_five.name
  arn  = aws_lambda_function.recovery.arn
}
`),
    );
    expect(
      terraformUnreadHandlers([
        { dir: 'backend', facts: archive },
        { dir: 'backend', facts: job },
      ]),
    ).toEqual(['backend/lambda/job-recovery.handler']);
    // Without the archive the bare `job-recovery.handler` names no folder and is not trusted.
    expect(terraformUnreadHandlers([{ dir: 'backend', facts: job }])).toEqual([]);
  });
});
