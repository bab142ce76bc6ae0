// iac-missing-dlq for a Terraform function invoked asynchronously: an EventBridge pattern rule's target, an
// SNS topic, an S3 notification, a CloudWatch Logs subscription (a function module's rule target is judged
// at the target, terraform.ts). Lambda retries such an event twice and then drops it unless the function has a
// `dead_letter_config` or an `aws_lambda_function_event_invoke_config` with `on_failure`. The invokers and
// the invoke config are often in other files of the module (an alarms file subscribes the function to its
// topics), so the finding is judged with the whole folder.
import type { Candidate } from '../js/Candidate.js';
import type { HclBlock } from './hcl.js';
import type { TerraformFacts } from './terraformModules.js';
import { s3PermissionsUnused } from './terraformS3Notified.js';

/** The `via` of a pattern rule's target naming the function resource. */
const EVENTBRIDGE_RULE = 'EventBridge rule';

// A function resource, or a function module's output (`module.fn.lambda_function_arn`).
const LAMBDA_REF = /\b(aws_lambda_function\.[\w-]+|module\.[\w-]+)\./;

/** Log subscription filters, SNS subscriptions and S3 notifications that deliver to a function. */
export function asyncSubscribers(
  resources: (type: string) => readonly HclBlock[],
): { readonly fn: string; readonly via: string }[] {
  const out: { fn: string; via: string }[] = [];
  const add = (raw: string | undefined, via: string) => {
    const name = LAMBDA_REF.exec(raw ?? '')?.[1];
    if (name !== undefined) out.push({ fn: name, via });
  };
  for (const f of resources('aws_cloudwatch_log_subscription_filter'))
    add(f.attrs.get('destination_arn')?.raw, 'log subscription');
  // A subscription's own `redrive_policy` keeps only what SNS could not deliver, as an EventBridge target's
  // `dead_letter_config` keeps only what EventBridge could not: a run that failed is the function's to keep.
  for (const s of resources('aws_sns_topic_subscription'))
    if (/"lambda"/.test(s.attrs.get('protocol')?.raw ?? ''))
      add(s.attrs.get('endpoint')?.raw, 'SNS subscription');
  for (const n of resources('aws_s3_bucket_notification'))
    for (const b of n.blocks)
      if (b.type === 'lambda_function') add(b.attrs.get('lambda_function_arn')?.raw, 'S3 notification');
  return out;
}

/**
 * The function finding of `dir`, kept (its message naming the invokers) when the folder invokes the
 * function asynchronously and gives it no on-failure destination.
 * @example
 * asyncFunctionFinding(files, 'aws/alarms', c, 'aws_lambda_function.notify_slack') // kept: 'sns permission, log subscription'
 */
export function asyncFunctionFinding(
  files: readonly { readonly dir: string; readonly facts: TerraformFacts }[],
  dir: string,
  c: Candidate,
  fn: string,
): Candidate | undefined {
  const here = files.filter((f) => f.dir === dir).map((f) => f.facts);
  if (here.some((f) => f.invokeConfigured.includes(fn))) return undefined;
  // A pattern rule's target hands the event to Lambda's async queue like any other invoker: what fails
  // there after Lambda's retries is the function's to keep, whatever the target's own dead_letter_config
  // holds (only events EventBridge could not deliver). A schedule's next run is its retry.
  const scheduled = new Set(here.flatMap((f) => f.scheduledRules));
  const viaRule = (i: { readonly rule?: string }) =>
    i.rule !== undefined && fn.startsWith('aws_lambda_function.') && !scheduled.has(i.rule);
  const all = new Set(
    here
      .flatMap((f) => f.invokers)
      .flatMap((i) =>
        i.fn !== fn ? [] : i.via !== undefined ? [i.via] : viaRule(i) ? [EVENTBRIDGE_RULE] : [],
      ),
  );
  // S3 permissions no bucket notification of the folder uses invoke nothing (terraformS3Notified.ts).
  const s3Unused = s3PermissionsUnused(
    here.map((f) => f.s3),
    fn,
  );
  const via = [...all].filter((v) => !(s3Unused && (v === 's3 permission' || v === 's3 trigger')));
  if (via.length === 0) return undefined;
  return { ...c, message: c.message.replace('{invokers}', via.join(', ')) };
}
