// `bulwark events replay-status <name>`: one replay's state, range and progress. Reads only; a FAILED replay
// exits 1 so a workflow step that waits on it fails too.
import { DescribeReplayCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { terminalText } from '../breaker/terminalText.js';
import { escapeC1 } from '../dlq/dlqStatus.js';
import type { ReplayStatusArgs } from './parseEventsArgs.js';

export async function eventsReplayStatus(
  client: EventBridgeClient,
  args: ReplayStatusArgs,
  stdout: (text: string) => void,
): Promise<number> {
  const r = await client.send(new DescribeReplayCommand({ ReplayName: args.name }));
  const time = (d: Date | undefined) => (d === undefined ? null : d.toISOString());
  const view = {
    name: r.ReplayName ?? args.name,
    state: r.State ?? null,
    stateReason: r.StateReason ?? null,
    archive: r.EventSourceArn ?? null,
    destination: r.Destination?.Arn ?? null,
    filterArns: r.Destination?.FilterArns ?? [],
    eventStartTime: time(r.EventStartTime),
    eventEndTime: time(r.EventEndTime),
    eventLastReplayedTime: time(r.EventLastReplayedTime),
    replayStartTime: time(r.ReplayStartTime),
    replayEndTime: time(r.ReplayEndTime),
  };
  if (args.json) {
    stdout(`${escapeC1(JSON.stringify(view, null, 2))}\n`);
  } else {
    const rows: [string, string | null][] = [
      ['replay', view.name],
      ['state', view.stateReason === null ? view.state : `${view.state}: ${view.stateReason}`],
      ['archive', view.archive],
      ['destination', view.destination],
      ['rules', view.filterArns.length === 0 ? 'every matching rule' : view.filterArns.join(', ')],
      ['range', `${view.eventStartTime ?? '?'} to ${view.eventEndTime ?? '?'}`],
      ['replayed up to', view.eventLastReplayedTime ?? '-'],
      ['started', view.replayStartTime ?? '-'],
      ['ended', view.replayEndTime ?? '-'],
    ];
    stdout(
      `${rows.map(([label, value]) => `${label.padEnd(16)}${terminalText(value ?? '-')}`).join('\n')}\n`,
    );
  }
  return r.State === 'FAILED' ? 1 : 0;
}
