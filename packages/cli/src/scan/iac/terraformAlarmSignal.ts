// Does a Terraform DLQ alarm tell anyone (iac-missing-dlq)? An alarm that notifies nobody and waits for a
// backlog is no alarm: the DLQ fills up silently until retention deletes its messages. It counts when it
// names an `alarm_actions` target (any threshold: how many failures a team lets pile up before it is paged
// is its choice), or, with no action, when it turns red on the first dead letter (`> 0`, `>= 1`): a console
// signal someone looking at alarm states sees. A threshold or action the scan cannot read counts.
import { type HclBlock, literal } from './hcl.js';

/** Does the alarm notify someone, or at least turn red on the first message? */
export function alarmSignals(alarm: HclBlock): boolean {
  const actions = alarm.attrs.get('alarm_actions')?.raw.replace(/\s+/g, '');
  const enabled = literal(alarm.attrs.get('actions_enabled')) !== 'false';
  if (enabled && actions !== undefined && actions !== '[]') return true;
  const threshold = Number(literal(alarm.attrs.get('threshold')) ?? Number.NaN);
  if (Number.isNaN(threshold)) return true;
  const op = literal(alarm.attrs.get('comparison_operator')) ?? '';
  if (op === 'GreaterThanThreshold') return threshold < 1;
  if (op === 'GreaterThanOrEqualToThreshold') return threshold <= 1;
  return true;
}
