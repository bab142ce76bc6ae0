// iac-no-event-archive in templates, as cdkBuses.ts reads CDK: a custom bus whose every rule only forwards
// to another event bus (a spoke account feeding a hub: the events are consumed, and archived, where they
// land) or only delivers to CloudWatch log groups (a replay would print the lines again) has nothing an
// archive would let anyone replay. A bus with no rule in the template, a rule with any other target, or a
// bus the template hands on (an output, an SSM parameter's value) keeps the finding: other stacks put
// their own consumers on it.
import { type Json, obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { refsIn } from './yamlDocument.js';

/** A target ARN written out (`!Sub arn:...:event-bus/hub`, `arn:aws:logs:...:log-group:/x`). */
const FORWARD_OR_LOG_ARN = /:events:[^"]*:event-bus\/|:logs:[^"]*:log-group:/;

/** Whether one rule target only forwards to a bus or writes to a log group. */
function forwardsOrLogs(target: Json, byId: ReadonlyMap<string, TemplateResource>): boolean {
  const arn = obj(target)?.Arn;
  const ids = [...refsIn(arn)].filter((id) => byId.has(id));
  if (ids.length > 0)
    return ids.every((id) => {
      const type = byId.get(id)?.type;
      return type === 'AWS::Logs::LogGroup' || type === 'AWS::Events::EventBus';
    });
  return FORWARD_OR_LOG_ARN.test(JSON.stringify(arn ?? ''));
}

/**
 * The custom buses of a template whose every rule only forwards to another bus or logs, and that the
 * template does not hand on: not reported for a missing archive.
 * @example
 * quietBuses(resources, template) // Set { 'SpokeBus' } when its one rule targets the hub's bus ARN
 */
export function quietBuses(
  resources: readonly TemplateResource[],
  template: Record<string, Json>,
): Set<string> {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const handedOn = new Set<string>();
  for (const output of Object.values(obj(template.Outputs) ?? {})) refsIn(obj(output)?.Value, handedOn);
  for (const r of resources) if (r.type === 'AWS::SSM::Parameter') refsIn(r.props.Value, handedOn);
  const quiet = new Set<string>();
  for (const bus of resources) {
    if (bus.type !== 'AWS::Events::EventBus' || handedOn.has(bus.id)) continue;
    const rules = resources.filter(
      (r) => r.type === 'AWS::Events::Rule' && refsIn(r.props.EventBusName).has(bus.id),
    );
    const targets = rules.flatMap((r) =>
      Array.isArray(r.props.Targets) ? (r.props.Targets as Json[]) : [null],
    );
    if (rules.length > 0 && targets.length > 0 && targets.every((t) => forwardsOrLogs(t, byId)))
      quiet.add(bus.id);
  }
  return quiet;
}
