// A mapping over a resource collection (`for_each = aws_sqs_queue.jobs`, `each.value.arn`) polls those
// resources: its source is known, not a module input.
import { describe, expect, it } from 'vitest';
import { parseHcl } from './hcl.js';
import { checkTerraform } from './terraform.js';
import { eachResourceRaw } from './terraformEachSource.js';

/** The findings at the mapping of a file whose mapping iterates `forEach` and reads `arn`. */
function mappingRules(forEach: string, arn: string, locals = ''): string[] {
  const source = `
${locals}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  filename      = "worker.zip"
  handler       = "index.handler"
}

resource "aws_lambda_event_source_mapping" "jobs" {
  for_each         = ${forEach}
  event_source_arn = ${arn}
  function_name    = aws_lambda_function.worker.arn
}
`;
  const rules: string[] = [];
  checkTerraform(
    source,
    (rule, _line, message, extra) => {
      // The mapping's own findings, not those a caller's arguments decide.
      if (
        message.startsWith('aws_lambda_event_source_mapping') &&
        extra?.terraformModuleMapping === undefined
      )
        rules.push(rule);
    },
    [],
  );
  return rules.sort();
}

describe('a mapping over a resource collection', () => {
  it.each([
    [
      'a queue resource',
      'aws_sqs_queue.jobs',
      'each.value.arn',
      '',
      ['batch-no-partial-failure', 'iac-no-reserved-concurrency'],
    ],
    [
      'a local holding the queue resource',
      'local.queues',
      'each.value.arn',
      'locals {\n  queues = aws_sqs_queue.jobs\n}',
      ['batch-no-partial-failure', 'iac-no-reserved-concurrency'],
    ],
    [
      'a map written out of queues',
      '{ a = aws_sqs_queue.a, b = aws_sqs_queue.b }',
      'each.value.arn',
      '',
      ['batch-no-partial-failure', 'iac-no-reserved-concurrency'],
    ],
    [
      'a stream resource',
      'aws_kinesis_stream.feeds',
      'each.value.arn',
      '',
      ['batch-no-partial-failure', 'iac-missing-dlq'],
    ],
    // A module input names no kind of source here: judged per call in the project pass.
    ['a variable', 'var.queues', 'each.value.arn', '', []],
    ['a map of inputs', '{ a = var.a }', 'each.value', '', []],
  ])('%s', (_name, forEach, arn, locals, expected) => {
    // Act
    const rules = mappingRules(forEach, arn, locals);

    // Assess
    expect(rules).toEqual(expected);
  });

  it('names every resource a written-out map holds', () => {
    // Prepare
    const [mapping] = parseHcl(`
resource "aws_lambda_event_source_mapping" "jobs" {
  for_each         = { a = aws_sqs_queue.a, b = aws_sqs_queue.b }
  event_source_arn = each.value.arn
}`);

    // Act
    const raw = mapping && eachResourceRaw([mapping], mapping, 'event_source_arn');

    // Assess
    expect(raw).toBe('aws_sqs_queue.a.arn aws_sqs_queue.b.arn');
  });
});
