// `bulwark events replay`: describes an archive and the range to replay, and (with --yes or a confirmed
// --execute) starts one EventBridge replay back to the archive's own bus. A dry run starts nothing.
import {
  DescribeArchiveCommand,
  type DescribeArchiveResponse,
  type EventBridgeClient,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { CommandRefused } from '../aws/CommandRefused.js';
import { terminalText } from '../breaker/terminalText.js';
import type { ReplayArgs } from './parseEventsArgs.js';

/** A refusal that depends on the archive, not on EventBridge failing: exit `code` with `message`. */
export class ReplayRefused extends CommandRefused {
  override name = 'ReplayRefused' as const;
}

export interface ReplayInput {
  readonly client: EventBridgeClient;
  readonly args: ReplayArgs;
  readonly now: number;
  readonly confirm: (question: string) => Promise<boolean>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Records the operation in progress, for the error message. */
  readonly step: (operation: string) => void;
}

const DAY_MS = 86_400_000;

export async function eventsReplay(input: ReplayInput): Promise<number> {
  const { client, args, stdout } = input;
  input.step('DescribeArchive');
  const archive = await client.send(new DescribeArchiveCommand({ ArchiveName: args.archive }));
  const bus = archive.EventSourceArn ?? '';
  const destination = args.destination === undefined ? bus : busArn(args.destination, bus);
  if (destination !== bus) {
    throw new ReplayRefused(
      `--destination ${args.destination} is not the archive's bus (${bus}): EventBridge replays an archive only to ` +
        'the bus it archives. Leave --destination out, or give that bus',
      2,
    );
  }
  const name = args.name ?? defaultReplayName(args.archive, input.now);
  const filterArns = args.rules.map((rule) => ruleArn(bus, rule));

  stdout(`${describePlan(archive, args, name, filterArns, input.now)}\n`);
  if (!args.execute) {
    stdout(`dry run: nothing replayed. To start it: ${rerun(args, name)}\n`);
    return 0;
  }
  const question = `Replay ${args.archive} from ${iso(args.from)} to ${iso(args.to)} into ${busName(bus)}${filterArns.length === 0 ? ' (every matching rule)' : ''}? [y/N] `;
  if (!args.yes && !(await input.confirm(question))) {
    input.stderr('bulwark events: not confirmed; nothing replayed\n');
    return 1;
  }
  input.step('StartReplay');
  const out = await client.send(
    new StartReplayCommand({
      ReplayName: name,
      Description: `bulwark events replay of ${args.archive}`,
      EventSourceArn: archive.ArchiveArn,
      EventStartTime: new Date(args.from),
      EventEndTime: new Date(args.to),
      Destination: { Arn: bus, ...(filterArns.length === 0 ? {} : { FilterArns: filterArns }) },
    }),
  );
  stdout(
    `started replay ${name} (${terminalText(out.State ?? 'STARTING')})\n` +
      `follow it: bulwark events replay-status ${name}${args.region === undefined ? '' : ` --region ${terminalText(args.region)}`}\n`,
  );
  return 0;
}

function describePlan(
  archive: DescribeArchiveResponse,
  args: ReplayArgs,
  name: string,
  filterArns: readonly string[],
  now: number,
): string {
  const created = archive.CreationTime?.getTime();
  const retention = archive.RetentionDays ?? 0;
  const notes: string[] = [];
  if (created !== undefined && args.from < created) {
    notes.push(`the archive was created ${iso(created)}: nothing before that was archived`);
  }
  if (retention > 0 && args.from < now - retention * DAY_MS) {
    notes.push(
      `the archive keeps events ${retention} days: those before ${iso(now - retention * DAY_MS)} are gone`,
    );
  }
  if (archive.State !== undefined && archive.State !== 'ENABLED') {
    notes.push(`the archive is ${terminalText(archive.State)}`);
  }
  const rows: [string, string][] = [
    [
      'archive',
      `${terminalText(archive.ArchiveName ?? args.archive)} (${terminalText(archive.State ?? '?')})`,
    ],
    [
      'holds',
      `${archive.EventCount ?? '?'} events, ${archive.SizeBytes ?? '?'} bytes in all (EventBridge gives no count per range)`,
    ],
    ['retention', retention === 0 ? 'indefinite' : `${retention} days`],
    ['range', `${iso(args.from)} to ${iso(args.to)} (end exclusive, ${duration(args.to - args.from)})`],
    ['destination', `${terminalText(archive.EventSourceArn ?? '?')} (the archive's bus)`],
    [
      'rules',
      filterArns.length === 0
        ? 'every rule on the bus whose pattern matches receives the events again (--rule to limit)'
        : filterArns.map(terminalText).join(', '),
    ],
    ['replay name', name],
  ];
  for (const note of notes) rows.push(['note', note]);
  return rows.map(([label, value]) => `${label.padEnd(13)}${value}`).join('\n');
}

/** `bulwark-<archive>-<yyyymmddThhmmssZ>`, at most 64 characters (EventBridge's limit). */
export function defaultReplayName(archive: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const suffix = `-${stamp}`;
  return `bulwark-${archive}`.slice(0, 64 - suffix.length) + suffix;
}

function busArn(given: string, archiveBus: string): string {
  if (given.startsWith('arn:')) return given;
  // A bus name lives beside the archive's bus: same partition, region and account.
  return archiveBus.replace(/event-bus\/.*$/, `event-bus/${given}`);
}

function busName(arn: string): string {
  return terminalText(arn.replace(/^.*:event-bus\//, ''));
}

/** Rules on the default bus are `rule/<name>`; on any other bus `rule/<bus>/<name>`. */
function ruleArn(bus: string, rule: string): string {
  const name = bus.replace(/^.*:event-bus\//, '');
  return bus.replace(/event-bus\/.*$/, name === 'default' ? `rule/${rule}` : `rule/${name}/${rule}`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 6) / 10;
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 2.4) / 10} days`;
}

function rerun(args: ReplayArgs, name: string): string {
  return [
    'bulwark events replay --archive',
    args.archive,
    '--from',
    iso(args.from),
    '--to',
    iso(args.to),
    ...args.rules.flatMap((rule) => ['--rule', rule]),
    '--name',
    name,
    ...(args.region === undefined ? [] : ['--region', terminalText(args.region)]),
    '--yes',
  ].join(' ');
}
