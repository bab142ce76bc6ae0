// Terraform's `aws_lambda_event_source_mapping` resources: partial batch responses, a stream's on-failure
// destination, an SQS consumer's concurrency cap. A mapping inside a local module reads its source, batch
// size and response types from the module's variables (`event_source_arn = each.value` over
// `var.trigger_queues`): what its file does not say is judged per call in the project pass
// (terraformModuleMappings.ts), where each caller's arguments, or the variables' defaults, say it.

import { scalingConfigBlock } from './concurrencyCaps.js';
import type { HclBlock } from './hcl.js';
import { literal } from './hcl.js';
import type { TfReport } from './terraform.js';
import { eachResourceRaw } from './terraformEachSource.js';
import { numberIn } from './terraformLambdaModules.js';

const REPORTS_ITEMS = 'ReportBatchItemFailures';

/**
 * What a mapping's `function_name` names, read through an alias of the same file: `aws_lambda_alias.live.arn`
 * invokes the function the alias points at (`function_name = aws_lambda_function.f.function_name`), whose
 * reserved concurrency caps the alias's invocations too.
 */
function mappedFunction(blocks: readonly HclBlock[], raw: string): string {
  const alias = /\baws_lambda_alias\.([\w-]+)/.exec(raw)?.[1];
  if (alias === undefined) return raw;
  const block = blocks.find(
    (b) => b.type === 'resource' && b.labels[0] === 'aws_lambda_alias' && b.labels[1] === alias,
  );
  return block?.attrs.get('function_name')?.raw ?? raw;
}

/** Runs the mapping checks over one file's mappings; pushes the handlers of batch-size-1 consumers. */
export function checkTerraformMappings(
  blocks: readonly HclBlock[],
  functions: readonly HclBlock[],
  report: TfReport,
  batchOneHandlers: string[],
): void {
  const mappings = blocks.filter(
    (b) => b.type === 'resource' && b.labels[0] === 'aws_lambda_event_source_mapping',
  );
  const sub = (b: HclBlock, type: string) => b.blocks.find((x) => x.type === type);
  for (const m of mappings) {
    // `each.value` of a mapping over a resource collection is one of those resources (terraformEachSource.ts).
    const arn = eachResourceRaw(blocks, m, 'event_source_arn') ?? '';
    const sqs = /sqs/i.test(arn);
    const stream = !sqs && /kinesis|stream|:dynamodb:/i.test(arn);
    // A module's input (`var.trigger_arn`, `each.value` over a map variable) names no kind of source here.
    const fromInput = !sqs && !stream && /\b(var|each|local)\./.test(arn);
    if (!sqs && !stream && !fromInput) continue;
    const batchRaw = m.attrs.get('batch_size')?.raw.trim() ?? '';
    // A literal, or a `local.x` this file declares, as timeouts are read; a `var.x` or `each.*` is what
    // each call hands in (the project pass), whatever default this file gives it.
    const fileBatch = numberIn(blocks, m.attrs.get('batch_size'), Number.NaN);
    const batch = /^(var|each)\./.test(batchRaw) ? Number.NaN : fileBatch;
    const target = mappedFunction(blocks, m.attrs.get('function_name')?.raw ?? '');
    const fnRef = /aws_lambda_function\.([\w-]+)/.exec(target)?.[1];
    const fn = functions.find((f) => f.labels[1] === fnRef);
    const consumer = /\b(aws_lambda_function\.[\w-]+|module\.[\w-]+)/.exec(target)?.[1];
    // The handler's code is not judged at batch size 1: a variable's default of 1 still counts here (see
    // RESULTS round 43, review fix of tfmod: whether every call keeps it is not joined back).
    if (fileBatch === 1 && fn !== undefined) {
      const handler = literal(fn.attrs.get('handler'));
      if (handler) batchOneHandlers.push(handler);
    }
    const types = m.attrs.get('function_response_types')?.raw ?? '';
    // What the callers decide: the source's kind, or the response types or batch size handed in.
    const bound = fromInput || /\b(var|each|local)\./.test(types) || /^(var|each)\./.test(batchRaw);
    const forEach = m.attrs.get('for_each')?.raw;
    const message = `aws_lambda_event_source_mapping.${m.labels[1]} has no function_response_types = ["${REPORTS_ITEMS}"]: one failed record fails the whole batch`;
    if (!types.includes(REPORTS_ITEMS) && batch !== 1)
      report(
        'batch-no-partial-failure',
        m.line,
        message,
        bound
          ? {
              terraformModuleMapping: {
                arn,
                types,
                batch: batchRaw,
                ...(forEach !== undefined && /\beach\./.test(`${arn} ${types} ${batchRaw}`)
                  ? { forEach }
                  : {}),
                known: !fromInput,
              },
            }
          : undefined,
      );
    if (fromInput) continue;
    if (stream && sub(sub(m, 'destination_config') ?? m, 'on_failure') === undefined)
      report(
        'iac-missing-dlq',
        m.line,
        `aws_lambda_event_source_mapping.${m.labels[1]} (stream) has no destination_config.on_failure: failed records are retried until they expire`,
      );
    if (
      sqs &&
      scalingConfigBlock(m) === undefined &&
      !(fn?.attrs.has('reserved_concurrent_executions') ?? false)
    )
      report(
        'iac-no-reserved-concurrency',
        m.line,
        `aws_lambda_event_source_mapping.${m.labels[1]} has no scaling_config.maximum_concurrency and the function reserves no concurrency`,
        consumer !== undefined ? { terraformFloodFunction: consumer } : undefined,
      );
  }
}
