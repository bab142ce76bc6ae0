import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { terraformBatchOneHandlers, terraformCodeFacts } from './terraformHandlers.js';

// One name in `locals`, interpolated into the handler, the archive and the object key: a common layout.
const router = (batchSize: number, handler = `"\${local.router}.handler"`) => `
locals {
  router = "ordersRouter"
}

resource "aws_lambda_function" "router" {
  function_name = "\${local.router}-\${var.env}"
  handler       = ${handler}
  s3_key        = aws_s3_object.router.key
}

resource "aws_lambda_event_source_mapping" "orders" {
  batch_size       = ${batchSize}
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.router.arn
}
`;

const batchOne = (source: string) =>
  terraformBatchOneHandlers([{ dir: 'infra', facts: terraformCodeFacts(parseHcl(source)) }]);

describe('terraformBatchOneHandlers', () => {
  it('reads a local interpolated into the handler of a function polled one record at a time', () => {
    expect(batchOne(router(1))).toEqual(['ordersRouter.handler']);
  });

  it('names no handler for a batch of ten, nor for an interpolation that is no local', () => {
    expect(batchOne(router(10))).toEqual([]);
    expect(batchOne(router(1, `"\${var.router}.handler"`))).toEqual([`\${var.router}.handler`]);
  });

  it('does not expand locals that interpolate locals: a self-naming file stays small and fast', () => {
    // Each local names the one before it a hundred times: expanded three deep, a billion copies.
    const refs = (n: number) => Array.from({ length: 100 }, () => `\${local.l${n}}`).join('');
    const source = `
locals {
  l0 = "x"
  l1 = "${refs(0)}"
  l2 = "${refs(1)}"
  l3 = "${refs(2)}"
}
resource "aws_lambda_function" "f" {
  handler = "\${local.l3}.handler"
}
resource "aws_lambda_event_source_mapping" "m" {
  batch_size       = 1
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_function.f.arn
}
`;
    // Assess: the handler is left as written (it names no module), and the read is immediate.
    expect(batchOne(source)).toEqual([`\${local.l3}.handler`]);
  });
});
