import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import {
  blanked,
  polledBy,
  serverlessPolledIds,
  serverlessPolledNames,
  templatePolledNames,
  terraformQueueNames,
} from './polledQueueNames.js';

describe('blanked', () => {
  it('blanks nested variables from the inside out', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless, Terraform or Fn::Sub variable, as written
    expect(blanked('${ssm:/app/${sls:stage}/q}')).toBe('*');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless, Terraform or Fn::Sub variable, as written
    expect(blanked('/app/${terraform.workspace}/queues/orders/arn')).toBe('/app/*/queues/orders/arn');
  });
});

describe('serverlessPolledNames', () => {
  it('reads the SSM path of a written variable and the queue name of its fallback ARN', () => {
    const raw = {
      functions: {
        orders: {
          events: [
            {
              sqs: {
                // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless, Terraform or Fn::Sub variable, as written
                arn: "${ssm:/app/${self:provider.stage}/queues/orders/arn, 'arn:aws:sqs:${self:provider.region}:000000000000:orders-queue-dev'}",
              },
            },
          ],
        },
      },
    };
    // The written text keeps the path (its fallback is inside the variable); the deployed one, the fallback.
    expect(serverlessPolledNames(raw)).toEqual(['ssm:/app/*/queues/orders/arn']);
    const deployed = {
      functions: {
        orders: { events: [{ sqs: { arn: 'arn:aws:sqs:us-east-1:000000000000:orders-queue-dev' } }] },
      },
    };
    expect(serverlessPolledNames(raw, deployed)).toEqual([
      'ssm:/app/*/queues/orders/arn',
      'queue:orders-queue-dev',
    ]);
  });

  it('reads an ARN written as the event itself, and nothing from a reference to its own resource', () => {
    const config = {
      functions: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless, Terraform or Fn::Sub variable, as written
        a: { events: [{ sqs: 'arn:aws:sqs:eu-west-1:123456789012:jobs-${sls:stage}' }] },
        b: { events: [{ sqs: { arn: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] } } }, { httpApi: '/x' }] },
      },
    };
    expect(serverlessPolledNames(config)).toEqual(['queue:jobs-*']);
  });
});

describe('serverlessPolledIds', () => {
  it('answers the resources its functions poll through GetAtt or Ref, in either form of the event', () => {
    const functions = {
      a: { events: [{ sqs: { arn: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] }, batchSize: 1 } }] },
      b: { events: [{ sqs: { 'Fn::GetAtt': ['FeedQueue', 'Arn'] } }, { http: 'GET /' }] },
      c: { events: [{ sqs: 'arn:aws:sqs:eu-west-1:123456789012:elsewhere' }] },
    };
    expect([...serverlessPolledIds(functions)].sort()).toEqual(['FeedQueue', 'JobsQueue']);
  });
});

describe('templatePolledNames', () => {
  it('reads an SSM-typed parameter, a resolve:ssm reference and a substituted ARN', () => {
    const template = {
      Parameters: {
        QueueArn: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/prod/queues/a/arn' },
      },
      Resources: {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Events: {
              A: { Type: 'SQS', Properties: { Queue: { Ref: 'QueueArn' } } },
              B: {
                Type: 'SQS',
                Properties: {
                  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless, Terraform or Fn::Sub variable, as written
                  Queue: { 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:b-${Stage}' },
                },
              },
              C: { Type: 'Api', Properties: { Path: '/' } },
            },
          },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: '{{resolve:ssm:/app/prod/queues/c/arn}}' },
        },
      },
    };
    expect(templatePolledNames(template).sort()).toEqual([
      'queue:b-*',
      'ssm:/app/prod/queues/a/arn',
      'ssm:/app/prod/queues/c/arn',
    ]);
  });
});

describe('terraformQueueNames', () => {
  it('names a queue by its quoted name and by the SSM parameters holding it, not by a local', () => {
    const blocks = parseHcl(`
resource "aws_sqs_queue" "orders" {
  name = "orders-queue-\${terraform.workspace}"
}
resource "aws_sqs_queue" "named_elsewhere" {
  name = local.queue_name
}
resource "aws_ssm_parameter" "orders_arn" {
  name  = "/app/\${terraform.workspace}/queues/orders/arn"
  value = aws_sqs_queue.orders.arn
}
`);
    expect(terraformQueueNames(blocks)).toEqual([
      { queue: 'orders', names: ['queue:orders-queue-*', 'ssm:/app/*/queues/orders/arn'] },
    ]);
  });
});

describe('polledBy', () => {
  it('matches a blanked stage with one word of the other side, segment by segment for SSM paths', () => {
    expect(polledBy('queue:orders-queue-*', 'queue:orders-queue-dev')).toBe(true);
    expect(polledBy('queue:orders-queue-*', 'queue:orders-queue-*')).toBe(true);
    expect(polledBy('ssm:/app/*/queues/orders/arn', 'ssm:/app/prod/queues/orders/arn')).toBe(true);
  });

  it('does not match another queue, a longer name or another kind', () => {
    expect(polledBy('queue:orders-queue-*', 'queue:orders-queue-dlq-dev')).toBe(false);
    expect(polledBy('queue:orders-*', 'queue:refunds-dev')).toBe(false);
    expect(polledBy('ssm:/app/*/queues/orders/arn', 'ssm:/app/*/queues/report/arn')).toBe(false);
    expect(polledBy('queue:orders', 'ssm:orders')).toBe(false);
  });

  it('joins no name without a literal word, with two variables, or through a dlq word', () => {
    // A module-built queue (`name = "\${var.name}"`) and a serverless.yml ARN whose name is a variable.
    expect(polledBy('queue:*', 'queue:orders')).toBe(false);
    expect(polledBy('queue:reports_worker', 'queue:*')).toBe(false);
    // `"\${var.project}-\${var.env}"`: one of the two is not the stage.
    expect(polledBy('queue:*-*', 'queue:orders-dlq')).toBe(false);
    // A redrive processor polling the DLQ by its literal name.
    expect(polledBy('queue:reports-*', 'queue:reports-dlq')).toBe(false);
    expect(polledBy('queue:reports-*', 'queue:reports-worker')).toBe(false);
    expect(polledBy('ssm:/*/*/arn', 'ssm:/shop/dev/arn')).toBe(false);
    expect(polledBy('ssm:/shop/*/queues/*/arn', 'ssm:/shop/*/queues/*/arn')).toBe(false);
  });

  it('matches a stage with a region or number, and the variable in the same place', () => {
    expect(polledBy('queue:orders-*', 'queue:orders-prod_eu')).toBe(true);
    expect(polledBy('queue:orders-*', 'queue:orders-staging2')).toBe(true);
    expect(polledBy('queue:orders-*', 'queue:orders-*')).toBe(true);
  });
});

describe('switched-off event sources', () => {
  it('are not read as pollers, in a serverless.yml or a SAM template', () => {
    const arn = 'arn:aws:sqs:eu-west-1:123456789012:reports';
    const config = { functions: { a: { events: [{ sqs: { arn, enabled: false } }] } } };
    expect(serverlessPolledNames(config)).toEqual([]);
    expect([
      ...serverlessPolledIds({ a: { events: [{ sqs: { arn: { Ref: 'Q' }, enabled: false } }] } }),
    ]).toEqual([]);
    const template = {
      Resources: {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: { Events: { A: { Type: 'SQS', Properties: { Queue: arn, Enabled: false } } } },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { EventSourceArn: `${arn}-b`, Enabled: 'false' },
        },
      },
    };
    expect(templatePolledNames(template)).toEqual([]);
  });
});
