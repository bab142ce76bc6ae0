// What the operations tests share: SDK clients pointed at the emulators (one attempt, so each fault is seen
// once), and a way to run a command in-process and keep what it printed.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type DlqCliIo, dlqMain, type EventsCliIo, eventsMain } from '@bulwark/cli';
import { LOCAL_CREDENTIALS } from '@bulwark/testing';

export const REGION = 'us-east-1';
/** The clock of every events test: 2026-11-23 12:00 UTC. */
export const NOW = Date.parse('2026-11-23T12:00:00.000Z');

export function sqsClient(maxAttempts = 1): SQSClient {
  return new SQSClient({ region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts });
}

export function eventBridgeClient(maxAttempts = 1): EventBridgeClient {
  return new EventBridgeClient({ region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts });
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The questions the command asked. */
  readonly asked: readonly string[];
}

/** Runs `bulwark dlq <argv>` in-process; `answer` answers every confirmation question. */
export function dlq(argv: string[], io: Partial<DlqCliIo> & { answer?: boolean } = {}): Promise<Run> {
  return runInProcess<DlqCliIo>(dlqMain, argv, { client: sqsClient() }, io);
}

/** Runs `bulwark events <argv>` in-process at {@link NOW}; `answer` answers every confirmation question. */
export function events(argv: string[], io: Partial<EventsCliIo> & { answer?: boolean } = {}): Promise<Run> {
  return runInProcess<EventsCliIo>(eventsMain, argv, { client: eventBridgeClient(), now: () => NOW }, io);
}

interface CommandIo {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** Runs one command's main with `defaults` (its client, its clock) under `io`, keeping what it printed and asked. */
async function runInProcess<Io extends CommandIo>(
  main: (argv: readonly string[], io: Io) => Promise<number>,
  argv: string[],
  defaults: Partial<Io>,
  io: Partial<Io> & { answer?: boolean },
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const { answer, ...rest } = io;
  const code = await main(argv, {
    stdout: (s: string) => void out.push(s),
    stderr: (s: string) => void err.push(s),
    ...defaults,
    ...(answer === undefined
      ? {}
      : {
          confirm: async (q: string) => {
            asked.push(q);
            return answer;
          },
        }),
    ...rest,
  } as Io);
  return { code, stdout: out.join(''), stderr: err.join(''), asked };
}
