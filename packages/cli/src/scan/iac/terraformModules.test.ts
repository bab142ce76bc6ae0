import { describe, expect, it } from 'vitest';
import { analyzeIac } from './analyzeIac.js';
import { terraformProject } from './terraformModules.js';

// A Terraform folder whose queues a serverless.yml beside it polls by the SSM parameters published here.
const QUEUES = `
resource "aws_sqs_queue" "orders_dlq" {
  name = "orders-dlq-\${terraform.workspace}"
}
resource "aws_sqs_queue" "orders" {
  name = "orders-queue-\${terraform.workspace}"
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 8
  })
}
resource "aws_sqs_queue" "audit" {
  name = "audit-queue-\${terraform.workspace}"
}
resource "aws_ssm_parameter" "orders_arn" {
  name  = "/shop/\${terraform.workspace}/queues/orders/arn"
  value = aws_sqs_queue.orders.arn
}
resource "aws_ssm_parameter" "audit_arn" {
  name  = "/shop/\${terraform.workspace}/queues/audit/arn"
  value = aws_sqs_queue.audit.arn
}
resource "aws_lambda_function" "authorizer" {
  function_name = "authorizer"
  runtime       = "nodejs20.x"
}
`;

/**
 * The redrive findings of iac-missing-dlq in folder `infra` after the project join, as messages; `folders`
 * maps each folder to its queues.tf.
 */
function judged(folders: Record<string, string>, polled: readonly string[]): string[] {
  const files = Object.entries(folders).map(([dir, text]) => ({
    dir,
    result: analyzeIac(`${dir}/queues.tf`, text),
  }));
  const project = terraformProject(
    files.map((f) => ({ dir: f.dir, facts: f.result.terraform as NonNullable<typeof f.result.terraform> })),
    () => false,
    polled,
  );
  return (files.find((f) => f.dir === 'infra')?.result.candidates ?? [])
    .filter((c) => c.rule === 'iac-missing-dlq' && !c.message.startsWith('dead-letter'))
    .map((c) => project('infra', c))
    .flatMap((c) => (c === undefined ? [] : [c.message]));
}

describe('terraformProject with the queues templates poll', () => {
  it('judges a polled queue at the Lambda limit, and counts the poller as receiving from it', () => {
    // Prepare
    const polled = ['ssm:/shop/*/queues/orders/arn', 'ssm:/shop/*/queues/audit/arn'];

    // Act
    const messages = judged({ infra: QUEUES }, polled);

    // Assess
    expect(messages).toEqual([
      'aws_sqs_queue.orders maxReceiveCount 8 > {limit} for a Lambda consumer: poison messages churn before the DLQ',
      'aws_sqs_queue.audit has no redrive_policy: a poison message is retried until retention deletes it',
    ]);
  });

  it('keeps the limit for other consumers when only a queue of another folder has the polled name', () => {
    // Prepare: `infra` publishes its queues under /shop-legacy/, `other` under the polled /shop/.
    const legacy = QUEUES.replaceAll('/shop/', '/shop-legacy/');
    const polled = ['ssm:/shop/*/queues/orders/arn', 'ssm:/shop/*/queues/audit/arn'];

    // Act
    const messages = judged({ infra: legacy, other: QUEUES }, polled);

    // Assess
    expect(messages).toEqual([
      'aws_sqs_queue.orders maxReceiveCount 8 > {limit}: poison messages churn before the DLQ',
    ]);
  });
});
