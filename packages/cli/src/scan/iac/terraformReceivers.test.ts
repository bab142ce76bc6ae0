import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { terraformReceiveFacts, unreceivedQueue } from './terraformReceivers.js';

const FUNCTION = `
resource "aws_lambda_function" "f" {
  function_name = "f"
  handler       = "f.handler"
}
`;

const facts = (source: string) => terraformReceiveFacts(parseHcl(source));
const unreceived = (source: string, queue: string, codeReceives = false) =>
  unreceivedQueue([{ dir: 'infra', facts: facts(source) }], 'infra', queue, [], () => codeReceives);

describe('terraformReceiveFacts', () => {
  it('counts a mapping, a pipe and a module input as receivers', () => {
    const f = facts(`
resource "aws_lambda_event_source_mapping" "m" { event_source_arn = aws_sqs_queue.a.arn }
resource "aws_pipes_pipe" "p" { source = aws_sqs_queue.b.arn }
module "worker" { queue_arn = aws_sqs_queue.c.arn }
`);
    expect([...f.received].sort()).toEqual(['a', 'b', 'c']);
  });

  it('counts a queue policy only when it grants a receive outside the folder roles', () => {
    const policy = (identifiers: string) => `
data "aws_iam_policy_document" "d" {
  statement {
    actions = ["sqs:ReceiveMessage"]
    principals {
      type        = "AWS"
      identifiers = [${identifiers}]
    }
  }
}
resource "aws_sqs_queue_policy" "p" {
  queue_url = aws_sqs_queue.q.id
  policy    = data.aws_iam_policy_document.d.json
}
`;
    expect(facts(policy('aws_iam_role.lambda.arn')).received).toEqual([]);
    expect(facts(policy('"arn:aws:iam::111122223333:root"')).received).toEqual(['q']);
  });

  it('takes a function in a language the scan does not read as a possible receiver', () => {
    expect(facts('resource "aws_lambda_function" "f" { runtime = "python3.12" }').foreignCompute).toBe(true);
    expect(facts('resource "aws_lambda_function" "f" { runtime = "nodejs22.x" }').foreignCompute).toBe(false);
    expect(facts('resource "aws_lambda_function" "f" { runtime = var.runtime }').foreignCompute).toBe(false);
  });

  it('tells compute whose code may lie elsewhere from a batch job built from the folder ECR repository', () => {
    expect(facts('resource "aws_ecs_task_definition" "t" { family = "t" }').foreignCompute).toBe(true);
    expect(
      facts(`resource "aws_batch_job_definition" "j" {
  container_properties = jsonencode({ image = "\${aws_ecr_repository.r.repository_url}:latest" })
}`).foreignCompute,
    ).toBe(false);
  });
});

describe('unreceivedQueue', () => {
  it('holds for a queue nothing reads in a folder of functions whose code never receives', () => {
    expect(unreceived(`${FUNCTION}resource "aws_sqs_queue" "q" { name = "q" }`, 'q')).toBe(true);
  });

  it('fails when code receives, when the folder builds no function, or when a mapping reads it', () => {
    expect(unreceived(`${FUNCTION}resource "aws_sqs_queue" "q" { name = "q" }`, 'q', true)).toBe(false);
    expect(unreceived('resource "aws_sqs_queue" "q" { name = "q" }', 'q')).toBe(false);
    expect(
      unreceived(
        `${FUNCTION}resource "aws_lambda_event_source_mapping" "m" { event_source_arn = aws_sqs_queue.q.arn }`,
        'q',
      ),
    ).toBe(false);
  });

  it('fails when another module reads an output that hands the queue on', () => {
    const folders = [
      { dir: 'queues', facts: facts(FUNCTION) },
      { dir: 'consumers', facts: facts('module "c" { queue_arn = module.queues.orders_arn }') },
    ];
    expect(unreceivedQueue(folders, 'queues', 'orders', ['orders_arn'], () => false)).toBe(false);
    expect(unreceivedQueue(folders, 'queues', 'orders', ['other_arn'], () => false)).toBe(true);
  });
});
