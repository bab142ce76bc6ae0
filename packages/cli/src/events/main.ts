// `bulwark events replay|replay-status`: operators replay an EventBridge archive's time range and follow it.
// bin.ts dispatches here through eventsMain.ts; tests call it in-process.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { refusalExitCode } from '../aws/CommandRefused.js';
import { describeAwsError } from '../aws/describeAwsError.js';
import { boundedRequestHandler, resolveRegion } from '../aws/requestHandler.js';
import { terminalConfirm } from '../aws/terminalConfirm.js';
import { usageExit } from '../aws/usageExit.js';
import type { EventsCliIo } from './EventsCliIo.js';
import { defaultReplayName, eventsReplay } from './eventsReplay.js';
import { eventsReplayStatus } from './eventsReplayStatus.js';
import { EVENTS_COMMAND_USAGE, EVENTS_USAGE } from './eventsUsage.js';
import { type EventsParse, parseEventsArgs } from './parseEventsArgs.js';

export type { EventsCliIo } from './EventsCliIo.js';

const PERMISSIONS =
  'events:DescribeArchive and events:DescribeReplay; to replay also events:StartReplay on the archive and the ' +
  'replay (and, for the replayed events, the bus must accept them)';

/** The implementation behind {@link eventsMain} (./eventsMain.ts), loaded on its first call. */
export async function runEvents(argv: readonly string[], io: EventsCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const now = (io.now ?? Date.now)();
  const usage = usageExit('events', EVENTS_USAGE, EVENTS_COMMAND_USAGE, stderr);

  let parsed: EventsParse;
  try {
    parsed = parseEventsArgs(argv[0] === 'events' ? argv.slice(1) : argv, now);
  } catch (error: unknown) {
    return usage.caught(error);
  }
  if (parsed.help) {
    stdout(`${parsed.command === undefined ? EVENTS_USAGE : EVENTS_COMMAND_USAGE[parsed.command]}\n`);
    return 0;
  }
  const args = parsed;

  const client =
    io.client ??
    new EventBridgeClient({
      ...(args.region === undefined ? {} : { region: args.region }),
      requestHandler: boundedRequestHandler(args.timeoutMs),
    });
  let operation = args.command === 'replay' ? 'DescribeArchive' : 'DescribeReplay';
  const resource = args.command === 'replay' ? `archive ${args.archive}` : `replay ${args.name}`;
  try {
    if ((await resolveRegion(client)) === undefined) {
      return usage.fail('no AWS region: pass --region <region>, or set AWS_REGION', args.command);
    }
    if (args.command === 'replay-status') return await eventsReplayStatus(client, args, stdout);
    return await eventsReplay({
      client,
      args,
      now,
      confirm: io.confirm ?? terminalConfirm,
      stdout,
      stderr,
      step: (op) => {
        operation = op;
      },
    });
  } catch (error: unknown) {
    const refused = refusalExitCode(error, 'events', args.command, stderr);
    if (refused !== undefined) return refused;
    const message = describeAwsError(error, {
      service: 'EventBridge',
      iamPrefix: 'events',
      operation,
      resource,
      timeoutMs: args.timeoutMs,
      permissions: PERMISSIONS,
      afterTimeout:
        operation === 'StartReplay'
          ? `it may still have started: check with bulwark events replay-status ${args.command === 'replay' ? (args.name ?? defaultReplayName(args.archive, now)) : args.name}`
          : undefined,
      notFound: {
        ResourceNotFoundException: `EventBridge has no ${resource}${args.region === undefined ? '' : ` in ${args.region}`}: check the name and --region`,
      },
    });
    stderr(`bulwark events: ${message}\n`);
    return 1;
  } finally {
    if (io.client === undefined) client.destroy();
  }
}
