// iac-no-event-archive in Terraform, as cfnBusTargets.ts reads templates: an `aws_cloudwatch_event_bus`
// whose every rule (in the same file) only forwards to another bus or delivers to a CloudWatch log group
// has nothing an archive would let anyone replay. No rule in the file, any other target, or a bus handed
// on (an `output`, an `aws_ssm_parameter` value) keeps the finding.
import type { HclBlock } from './hcl.js';

/** A target written as another bus or a log group, by reference or by ARN text. */
const FORWARD_OR_LOG =
  /\baws_cloudwatch_log_group\.[\w-]+|\baws_cloudwatch_event_bus\.[\w-]+|:events:[^"]*:event-bus\/|:logs:[^"]*:log-group:/;

/**
 * Labels of this file's buses whose every rule only forwards to another bus or logs, and that are not
 * handed on.
 * @example
 * quietTerraformBuses(blocks) // Set { 'spoke' } when its one target's arn is the hub's bus ARN
 */
export function quietTerraformBuses(blocks: readonly HclBlock[]): Set<string> {
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const handedOn = [...blocks.filter((b) => b.type === 'output'), ...resources('aws_ssm_parameter')].map(
    (b) => b.text,
  );
  const quiet = new Set<string>();
  for (const bus of resources('aws_cloudwatch_event_bus')) {
    const ref = new RegExp(`\\baws_cloudwatch_event_bus\\.${bus.labels[1]}\\b`);
    if (handedOn.some((t) => ref.test(t))) continue;
    const rules = resources('aws_cloudwatch_event_rule').filter((r) =>
      ref.test(r.attrs.get('event_bus_name')?.raw ?? ''),
    );
    const targets = resources('aws_cloudwatch_event_target').filter((t) =>
      rules.some((r) =>
        new RegExp(`\\baws_cloudwatch_event_rule\\.${r.labels[1]}\\b`).test(t.attrs.get('rule')?.raw ?? ''),
      ),
    );
    const forwards = (t: HclBlock) => {
      const arn = t.attrs.get('arn')?.raw ?? '';
      return FORWARD_OR_LOG.test(arn) && !ref.test(arn);
    };
    // Every rule needs a target here: one whose targets live elsewhere is not known to only forward.
    const targeted = rules.every((r) =>
      targets.some((t) =>
        new RegExp(`\\baws_cloudwatch_event_rule\\.${r.labels[1]}\\b`).test(t.attrs.get('rule')?.raw ?? ''),
      ),
    );
    if (rules.length > 0 && targeted && targets.every(forwards)) quiet.add(bus.labels[1] as string);
  }
  return quiet;
}
