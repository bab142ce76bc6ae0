// An SQS mapping that invokes a function through an alias (`function_name = aws_lambda_alias.live.arn`)
// is capped by the function's reserved concurrency, which the alias shares.
import { describe, expect, it } from 'vitest';
import { checkTerraform } from './terraform.js';

/** The concurrency findings of a file holding a function (with `fnAttrs`), an alias and a mapping. */
function mappingRules(fnAttrs: string, target: string): string[] {
  const source = `
resource "aws_lambda_function" "scale_up" {
  function_name = "scale-up"
  handler       = "index.scaleUp"
  runtime       = "nodejs22.x"
  filename      = "scale-up.zip"
${fnAttrs}
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.scale_up.function_name
  function_version = aws_lambda_function.scale_up.version
}

resource "aws_lambda_event_source_mapping" "scale_up" {
  event_source_arn        = aws_sqs_queue.builds.arn
  function_name           = ${target}
  function_response_types = ["ReportBatchItemFailures"]
}
`;
  const rules: string[] = [];
  checkTerraform(
    source,
    (rule) => {
      if (rule === 'iac-no-reserved-concurrency') rules.push(rule);
    },
    [],
  );
  return rules;
}

describe('a mapping through an alias', () => {
  it.each([
    [
      'the alias of a capped function',
      '  reserved_concurrent_executions = var.concurrency',
      'aws_lambda_alias.live.arn',
      [],
    ],
    [
      'the capped function itself',
      '  reserved_concurrent_executions = 10',
      'aws_lambda_function.scale_up.arn',
      [],
    ],
    ['the alias of an uncapped function', '', 'aws_lambda_alias.live.arn', ['iac-no-reserved-concurrency']],
    [
      'an alias the file does not declare',
      '  reserved_concurrent_executions = 10',
      'aws_lambda_alias.other.arn',
      ['iac-no-reserved-concurrency'],
    ],
  ])('%s', (_, fnAttrs, target, expected) => {
    expect(mappingRules(fnAttrs, target)).toEqual(expected);
  });
});
