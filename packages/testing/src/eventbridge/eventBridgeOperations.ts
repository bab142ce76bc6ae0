// The EventBridge JSON-protocol operations, each mapping a request body to the service's answer (or its error)
// over the emulator's buses, archives and replays. Timestamps travel as epoch seconds.

import { randomUUID } from 'node:crypto';
import { requireString } from '../awsJson/awsJsonInput.js';
import { AwsServiceError } from '../awsJson/awsJsonService.js';
import type { EventBridgeReplay, EventBridgeStore } from './eventBridgeStore.js';

/** The operations the emulator answers; any other `AWSEvents.*` call gets UnknownOperationException. */
export const EVENTBRIDGE_OPERATIONS = [
  'PutEvents',
  'CreateArchive',
  'DescribeArchive',
  'StartReplay',
  'DescribeReplay',
  'CancelReplay',
] as const;

/**
 * One of {@link EVENTBRIDGE_OPERATIONS}.
 *
 * @example
 * ```ts
 * const op: EventBridgeOperation = 'StartReplay';
 * ```
 */
export type EventBridgeOperation = (typeof EVENTBRIDGE_OPERATIONS)[number];

const MAX_PUT_ENTRIES = 10;

export function eventBridgeOperations(
  store: EventBridgeStore,
  runNow: () => boolean,
): Record<EventBridgeOperation, (input: Record<string, unknown>) => unknown> {
  const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

  const describeReplay = (replay: EventBridgeReplay) => ({
    ReplayName: replay.name,
    ReplayArn: replay.arn,
    State: replay.state,
    EventSourceArn: store.archiveArn(replay.archiveName),
    Destination: {
      Arn: replay.destinationArn,
      ...(replay.filterArns.length === 0 ? {} : { FilterArns: replay.filterArns }),
    },
    EventStartTime: seconds(replay.startTime),
    EventEndTime: seconds(replay.endTime),
    ReplayStartTime: seconds(replay.replayStartTime),
    ...(replay.replayEndTime === undefined
      ? {}
      : {
          ReplayEndTime: seconds(replay.replayEndTime),
          EventLastReplayedTime: seconds(replay.replayEndTime),
        }),
  });

  return {
    PutEvents(input) {
      const entries = input.Entries;
      if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_PUT_ENTRIES) {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_PUT_ENTRIES}`,
        );
      }
      const results = (entries as Record<string, unknown>[]).map((entry) => {
        const busName = store.bus(typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default');
        if (busName === undefined)
          return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus does not exist.' };
        const { Source: source, DetailType: detailType, Detail: detail } = entry;
        if (typeof source !== 'string' || typeof detailType !== 'string' || typeof detail !== 'string') {
          return {
            ErrorCode: 'InvalidArgument',
            ErrorMessage: 'Parameters Source, DetailType and Detail are required.',
          };
        }
        try {
          const parsed: unknown = JSON.parse(detail);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            throw new Error('not an object');
        } catch {
          return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
        }
        const id = randomUUID();
        const time = typeof entry.Time === 'number' ? entry.Time * 1000 : Date.now();
        store.put(busName, { id, source, detailType, detail, time });
        return { EventId: id };
      });
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    },
    CreateArchive(input) {
      const archive = store.createArchive(input);
      return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: seconds(archive.createdAt) };
    },
    DescribeArchive(input) {
      const archive = store.archive(requireString(input, 'ArchiveName'));
      return {
        ArchiveArn: archive.arn,
        ArchiveName: archive.name,
        EventSourceArn: archive.eventSourceArn,
        ...(archive.description === undefined ? {} : { Description: archive.description }),
        ...(archive.eventPattern === undefined ? {} : { EventPattern: archive.eventPattern }),
        State: 'ENABLED',
        RetentionDays: archive.retentionDays,
        SizeBytes: archive.events.reduce((sum, e) => sum + Buffer.byteLength(e.detail) + 200, 0),
        EventCount: archive.events.length,
        CreationTime: seconds(archive.createdAt),
      };
    },
    StartReplay(input) {
      const replay = store.startReplay(input);
      const answer = {
        ReplayArn: replay.arn,
        State: replay.state,
        ReplayStartTime: seconds(replay.replayStartTime),
      };
      if (runNow()) store.runReplays();
      return answer;
    },
    DescribeReplay(input) {
      return describeReplay(store.replay(requireString(input, 'ReplayName')));
    },
    CancelReplay(input) {
      const replay = store.replay(requireString(input, 'ReplayName'));
      if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
        throw new AwsServiceError(
          'IllegalStatusException',
          `Replay ${replay.name} is ${replay.state}; only a STARTING or RUNNING replay can be cancelled.`,
        );
      }
      replay.state = 'CANCELLED';
      return { ReplayArn: replay.arn, State: 'CANCELLING' };
    },
  };
}
