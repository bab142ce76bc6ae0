// Does a DLQ alarm tell anyone (iac-missing-dlq)? An alarm that notifies nobody and waits for a backlog is
// no alarm: the DLQ fills up silently until retention deletes its messages. It counts when it names an
// action target with its actions enabled (any threshold: how many failures a team lets pile up before it
// is paged is its choice), or, with none, when it turns red on the first dead letter (`> 0`, `>= 1`): a
// console signal someone looking at alarm states sees. A threshold the scan cannot read counts. Terraform's
// and SST's (Pulumi's) alarms are read into the same fields and decided by `signals`.
import { type HclBlock, literal } from './hcl.js';

/** An alarm's fields, as written: actions without spaces, `enabled` false only when switched off. */
export type AlarmFields = {
  actions?: string | undefined;
  enabled: boolean;
  threshold?: string | undefined;
  operator?: string | undefined;
};

/**
 * Does the alarm notify someone, or at least turn red on the first message?
 * @example
 * signals({ actions: '[]', enabled: true, threshold: '0', operator: 'GreaterThanThreshold' }) // true
 */
export function signals(a: AlarmFields): boolean {
  if (a.enabled && a.actions !== undefined && a.actions !== '[]') return true;
  const threshold = Number(a.threshold ?? Number.NaN);
  if (Number.isNaN(threshold)) return true;
  if (a.operator === 'GreaterThanThreshold') return threshold < 1;
  if (a.operator === 'GreaterThanOrEqualToThreshold') return threshold <= 1;
  return true;
}

/** A Terraform `aws_cloudwatch_metric_alarm`'s fields. */
export function terraformAlarmFields(alarm: HclBlock): AlarmFields {
  return {
    actions: alarm.attrs.get('alarm_actions')?.raw.replace(/\s+/g, ''),
    enabled: literal(alarm.attrs.get('actions_enabled')) !== 'false',
    threshold: literal(alarm.attrs.get('threshold')),
    operator: literal(alarm.attrs.get('comparison_operator')),
  };
}

/** Does the Terraform alarm notify someone, or at least turn red on the first message? */
export function alarmSignals(alarm: HclBlock): boolean {
  return signals(terraformAlarmFields(alarm));
}

/**
 * What the message says of a DLQ's alarms when none counts: none at all, or one that notifies nobody and
 * waits for a backlog.
 * @example
 * silentAlarmText([]) // 'has no aws_cloudwatch_metric_alarm'
 */
export function silentAlarmText(mentioning: readonly HclBlock[]): string {
  const alarm = mentioning[0];
  if (alarm === undefined) return 'has no aws_cloudwatch_metric_alarm';
  const f = terraformAlarmFields(alarm);
  const why = f.enabled ? 'no alarm_actions' : 'actions_enabled = false';
  return `has only aws_cloudwatch_metric_alarm.${alarm.labels[1]}, which notifies nobody and waits for a backlog (threshold ${f.threshold}, ${why})`;
}
