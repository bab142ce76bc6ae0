// Terraform functions built by a function module rather than an `aws_lambda_function` resource: the
// registry's terraform-aws-modules/lambda (and wrappers shaped like it) take the function's settings as
// module arguments and its event source mappings as a map:
//   module "consumer" {
//     source                 = "terraform-aws-modules/lambda/aws"
//     timeout                = 60
//     dead_letter_target_arn = aws_sqs_queue.dlq.arn        # or destination_on_failure
//     reserved_concurrent_executions = 5
//     event_source_mapping = { orders = { event_source_arn = ..., function_response_types = [...],
//       destination_arn_on_failure = ..., scaling_config = { maximum_concurrency = 5 } } }
//     allowed_triggers = { alerts = { principal = "sns.amazonaws.com", source_arn = ... } }
//   }
// Other modules spell the map `event_source_mappings`. Each mapping is judged as an
// `aws_lambda_event_source_mapping` would be (terraform.ts).
import { escapeRegExp } from '../escapeRegExp.js';
import type { Candidate } from '../js/Candidate.js';
import { type HclAttribute, type HclBlock, literal, parseHcl } from './hcl.js';
import type { TfReport } from './terraform.js';

const REGISTRY_LAMBDA = /terraform-aws-modules\/lambda\b/;
const ASYNC_TRIGGER = /\b(sns|s3|logs|iot|ses)\b/;

/** The entries of a map argument (`{ key = { ... } }`), each with its source line. */
export function mapEntries(
  attr: HclAttribute | undefined,
): { readonly key: string; readonly block: HclBlock }[] {
  if (attr === undefined || !attr.raw.startsWith('{')) return [];
  const outer = parseHcl(`x ${attr.raw}`)[0];
  if (outer === undefined) return [];
  return [...outer.attrs].flatMap(([key, value]) => {
    const inner = value.raw.startsWith('{') ? parseHcl(`x ${value.raw}`)[0] : undefined;
    if (inner === undefined) return [];
    const shift = attr.line + value.line - 2;
    const lines = (b: HclBlock): HclBlock => ({
      ...b,
      line: b.line + shift,
      attrs: new Map([...b.attrs].map(([k, a]) => [k, { ...a, line: a.line + shift }])),
      blocks: b.blocks.map(lines),
    });
    return [{ key: key.replace(/^"|"$/g, ''), block: { ...lines(inner), line: attr.line + value.line - 1 } }];
  });
}

/** A module block that builds one Lambda function from the registry module. */
export function isLambdaModule(b: HclBlock): boolean {
  return b.type === 'module' && REGISTRY_LAMBDA.test(b.attrs.get('source')?.raw ?? '');
}

/** The function module has somewhere to send an event that still fails after the async retries. */
export function moduleHasAsyncFailureTarget(b: HclBlock): boolean {
  return b.attrs.has('dead_letter_target_arn') || b.attrs.has('destination_on_failure');
}

/** Asynchronous invokers a registry function module grants itself (`allowed_triggers`). */
export function moduleTriggers(blocks: readonly HclBlock[]): { readonly fn: string; readonly via: string }[] {
  return blocks.filter(isLambdaModule).flatMap((m) =>
    mapEntries(m.attrs.get('allowed_triggers')).flatMap(({ block }) => {
      const who = `${block.attrs.get('principal')?.raw ?? ''} ${block.attrs.get('service')?.raw ?? ''}`;
      const via = ASYNC_TRIGGER.exec(who)?.[1];
      return via !== undefined ? [{ fn: `module.${m.labels[0]}`, via: `${via} trigger` }] : [];
    }),
  );
}

/** Runs the mapping, async-failure and concurrency checks over the function modules of one file. */
export function checkLambdaModules(
  blocks: readonly HclBlock[],
  report: TfReport,
  extra: (fn: string) => Pick<Candidate, 'terraformFloodFunction'>,
): void {
  for (const m of blocks) {
    if (m.type !== 'module' || m.labels[0] === undefined) continue;
    const name = `module.${m.labels[0]}`;
    const mappings = [
      ...mapEntries(m.attrs.get('event_source_mapping')),
      ...mapEntries(m.attrs.get('event_source_mappings')),
    ];
    for (const { key, block: e } of mappings) {
      const arn = e.attrs.get('event_source_arn')?.raw ?? '';
      // A stream mapping takes a starting position; an SQS one takes none.
      const stream = e.attrs.has('starting_position') || /kinesis|stream|:dynamodb:/i.test(arn);
      const sqs = !stream && /sqs|queue/i.test(arn);
      if (!sqs && !stream) continue;
      const where = `${name} event_source_mapping "${key}"`;
      const batch = Number(literal(e.attrs.get('batch_size')) ?? Number.NaN);
      if (
        !(e.attrs.get('function_response_types')?.raw.includes('ReportBatchItemFailures') ?? false) &&
        batch !== 1
      )
        report(
          'batch-no-partial-failure',
          e.line,
          `${where} has no function_response_types = ["ReportBatchItemFailures"]: one failed record fails the whole batch`,
        );
      const onFailure =
        e.attrs.has('destination_arn_on_failure') ||
        /\bon_failure\b/.test(e.attrs.get('destination_config')?.raw ?? '');
      if (stream && !onFailure)
        report(
          'iac-missing-dlq',
          e.line,
          `${where} (stream) has no destination_arn_on_failure: failed records are retried until they expire`,
        );
      const capped = /maximum_concurrency/.test(e.attrs.get('scaling_config')?.raw ?? '');
      if (sqs && !capped && !m.attrs.has('reserved_concurrent_executions'))
        report(
          'iac-no-reserved-concurrency',
          e.line,
          `${where} has no scaling_config.maximum_concurrency and the function reserves no concurrency`,
          extra(name),
        );
    }
    // Judged with the whole folder (terraformAsyncInvokers.ts): kept only where something invokes it asynchronously.
    if (isLambdaModule(m) && !moduleHasAsyncFailureTarget(m))
      report(
        'iac-missing-dlq',
        m.line,
        `${name} is invoked asynchronously ({invokers}) with no dead_letter_target_arn or destination_on_failure: events that still fail after Lambda's retries are dropped`,
        { terraformAsyncFunction: name },
      );
  }
}

/** Registry function modules of this file whose timeout is known, by reference (`module.api`). */
/**
 * A number attribute's value: a literal, or a `var.x` / `local.x` this file declares (`variable "x" {
 * default = 60 }`, `locals { x = 60 }`). A value declared in another file of the module stays unknown (NaN).
 */
export function numberIn(
  blocks: readonly HclBlock[],
  attr: HclAttribute | undefined,
  fallback: number,
): number {
  const raw = literal(attr);
  if (raw === undefined) return attr === undefined ? fallback : Number.NaN;
  const ref = /^(var|local)\.([\w-]+)$/.exec(raw);
  if (ref === null) return Number(raw);
  const declared =
    ref[1] === 'var'
      ? blocks.find((b) => b.type === 'variable' && b.labels[0] === ref[2])?.attrs.get('default')
      : blocks.find((b) => b.type === 'locals' && b.attrs.has(ref[2] as string))?.attrs.get(ref[2] as string);
  const value = literal(declared);
  return value !== undefined && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
}

export function moduleTimeouts(blocks: readonly HclBlock[]): Map<string, { seconds: number; line: number }> {
  const out = new Map<string, { seconds: number; line: number }>();
  for (const m of blocks.filter(isLambdaModule)) {
    const t = m.attrs.get('timeout');
    const seconds = numberIn(blocks, t, 3);
    if (!Number.isNaN(seconds)) out.set(`module.${m.labels[0]}`, { seconds, line: t?.line ?? m.line });
  }
  return out;
}

/**
 * A project's own function module (`source = "../lambda"`) a rule target invokes: the target's `arn` is
 * that module's output and an `aws_lambda_permission` lets `events.amazonaws.com` invoke it from the same
 * rule, the grant AWS requires of every Lambda target. A module passing a DLQ or on-failure input is not one.
 * @example
 * permittedModule(permissions, blocks, 'module.watcher.lambda.function.arn', 'spot_warning') // module "watcher"
 */
export function permittedModule(
  permissions: readonly HclBlock[],
  blocks: readonly HclBlock[],
  arn: string,
  ruleRef: string | undefined,
): HclBlock | undefined {
  const name = /^\s*module\.([\w-]+)\./.exec(arn)?.[1];
  if (name === undefined || ruleRef === undefined) return undefined;
  const granted = permissions.some(
    (p) =>
      /events\.amazonaws\.com/.test(p.attrs.get('principal')?.raw ?? '') &&
      new RegExp(`aws_cloudwatch_event_rule\\.${escapeRegExp(ruleRef)}\\b`).test(
        p.attrs.get('source_arn')?.raw ?? '',
      ) &&
      (p.attrs.get('function_name')?.raw ?? '').includes(`module.${name}.`),
  );
  const mod = blocks.find((b) => b.type === 'module' && b.labels[0] === name);
  if (!granted || mod === undefined || /dead_letter|on_failure|destination/.test(mod.text)) return undefined;
  return mod;
}
