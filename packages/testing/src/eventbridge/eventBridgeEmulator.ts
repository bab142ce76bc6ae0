// Amazon EventBridge, emulated at its HTTP edge: msw handlers that answer the real `@aws-sdk/client-eventbridge`
// (awsJson1_1, `x-amz-target: AWSEvents.<Operation>`) from memory: buses, archives, PutEvents into them,
// replays of an archive's time range, and the fault knobs of the other emulators.

import { randomUUID } from 'node:crypto';
import { readOptions } from '@bulwark/errors';
import { checkAccountId, checkRegion } from '../awsJson/awsJsonInput.js';
import { type AwsJsonFaultKnobs, AwsServiceError, awsJsonService } from '../awsJson/awsJsonService.js';
import { describe as describeValue } from '../faults/FaultStep.js';
import {
  EVENTBRIDGE_OPERATIONS,
  type EventBridgeOperation,
  eventBridgeOperations,
} from './eventBridgeOperations.js';
import { type ArchivedEvent, type EventBridgeReplay, EventBridgeStore } from './eventBridgeStore.js';

/**
 * Options of {@link eventBridgeEmulator}.
 *
 * @example
 * ```ts
 * const options: EventBridgeEmulatorOptions = { region: 'eu-west-1', replays: 'manual' };
 * ```
 */
export interface EventBridgeEmulatorOptions {
  /** Region whose endpoint (`https://events.<region>.amazonaws.com/`) is answered and that ARNs name. @defaultValue 'us-east-1' */
  readonly region?: string;
  /** Account id in ARNs. @defaultValue '123456789012' */
  readonly accountId?: string;
  /**
   * When a started replay runs: `'immediate'` (StartReplay answers STARTING, DescribeReplay then says
   * COMPLETED) or `'manual'` (it stays STARTING until {@link EventBridgeEmulator.runReplays}).
   * @defaultValue 'immediate'
   */
  readonly replays?: 'immediate' | 'manual';
}

/**
 * Options of {@link EventBridgeEmulator.createArchive}.
 *
 * @example
 * ```ts
 * events.createArchive('orders-archive', { bus: 'orders', retentionDays: 30 });
 * ```
 */
export interface EventBridgeArchiveOptions {
  /** The bus whose events the archive keeps (created if missing). @defaultValue 'default' */
  readonly bus?: string;
  /** An event pattern; top-level arrays of exact strings (`source`, `detail-type`) are matched. @defaultValue every event */
  readonly eventPattern?: string;
  /** 0 keeps events indefinitely. @defaultValue 0 */
  readonly retentionDays?: number;
}

/**
 * The emulator: msw `handlers`, its buses, archives and replays, and its fault knobs.
 *
 * @example
 * ```ts
 * const events = eventBridgeEmulator();
 * server.use(...events.handlers);
 * events.createArchive('orders-archive', { bus: 'orders' });
 * events.archiveEvent('orders-archive', { source: 'orders', detailType: 'OrderPlaced', detail: '{}', time: Date.parse('2026-11-01T10:00:00Z') });
 * ```
 */
export interface EventBridgeEmulator extends AwsJsonFaultKnobs<EventBridgeOperation> {
  /** Creates an event bus (idempotent); returns its ARN. `default` always exists. */
  createBus(name: string): string;
  /** Creates an archive without an SDK call; returns its ARN. */
  createArchive(name: string, options?: EventBridgeArchiveOptions): string;
  /** Seeds an event straight into an archive (with the time it happened); returns its id. */
  archiveEvent(archive: string, event: Omit<ArchivedEvent, 'id'>): string;
  /** The events an archive holds. */
  archivedEvents(archive: string): readonly ArchivedEvent[];
  /** Every replay, oldest first. */
  replays(): readonly EventBridgeReplay[];
  /** Runs the replays that have not finished (with `replays: 'manual'`); returns how many ran. */
  runReplays(): number;
  /** Every later call of `operation` answers AccessDeniedException, as a role without `events:<operation>` gets. */
  deny(operation: EventBridgeOperation): void;
  /** Forgets buses (but `default`), archives, replays, counters, denials, errors and pending faults. */
  reset(): void;
}

/**
 * Emulates Amazon EventBridge for the real AWS SDK v3 (`@aws-sdk/client-eventbridge`): PutEvents, CreateArchive,
 * DescribeArchive, StartReplay, DescribeReplay and CancelReplay, with the service's replay rules (start before
 * end, back to the archive's own bus). Time is `Date.now()`.
 *
 * @example
 * ```ts
 * const events = eventBridgeEmulator();
 * const server = useMswServer(...events.handlers);
 * it('replays', async () => {
 *   const arn = events.createArchive('orders-archive');
 *   const client = new EventBridgeClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 *   await client.send(new StartReplayCommand({ ReplayName: 'r1', EventSourceArn: arn, EventStartTime: new Date(0),
 *     EventEndTime: new Date(), Destination: { Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' } }));
 *   expect(events.replays()[0]?.state).toBe('COMPLETED');
 * });
 * ```
 */
export function eventBridgeEmulator(options?: EventBridgeEmulatorOptions): EventBridgeEmulator {
  const given = readOptions('eventBridgeEmulator', options, ['region', 'accountId', 'replays']);
  const region = checkRegion('eventBridgeEmulator', given.region ?? 'us-east-1');
  const accountId = checkAccountId('eventBridgeEmulator', given.accountId ?? '123456789012');
  const mode = given.replays ?? 'immediate';
  if (mode !== 'immediate' && mode !== 'manual') {
    throw new TypeError(
      `eventBridgeEmulator: replays must be 'immediate' or 'manual', got ${describeValue(mode)}`,
    );
  }
  const store = new EventBridgeStore(region, accountId, () => Date.now());
  const operations = eventBridgeOperations(store, () => mode === 'immediate');

  const edge = awsJsonService<EventBridgeOperation>({
    owner: 'eventBridgeEmulator',
    endpointPrefix: 'events',
    region,
    targetPrefix: 'AWSEvents',
    contentType: 'application/x-amz-json-1.1',
    operations,
    renderError: (error) => ({ body: { __type: error.type, message: error.message } }),
    throttling: () => new AwsServiceError('ThrottlingException', 'Rate exceeded.'),
    accessDenied: (operation) =>
      new AwsServiceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${accountId}:assumed-role/operator/session is not authorized to perform: events:${operation} because no identity-based policy allows the events:${operation} action`,
      ),
  });

  const archiveNamed = (method: string, name: unknown) => {
    const archive = typeof name === 'string' ? store.archives.get(name) : undefined;
    if (archive === undefined)
      throw new TypeError(
        `eventBridgeEmulator.${method}: no archive ${describeValue(name)}; create it first`,
      );
    return archive;
  };
  const busName = (method: string, name: unknown): string => {
    if (typeof name !== 'string' || !/^[/.\-_A-Za-z0-9]{1,256}$/.test(name)) {
      throw new TypeError(
        `eventBridgeEmulator.${method}: bus must be an event bus name, got ${describeValue(name)}`,
      );
    }
    return name;
  };

  return edge.withKnobs({
    createBus(name) {
      store.buses.add(busName('createBus', name));
      return store.busArn(name);
    },
    createArchive(name, archiveOptions) {
      const o = readOptions('eventBridgeEmulator.createArchive', archiveOptions, [
        'bus',
        'eventPattern',
        'retentionDays',
      ]);
      const bus = busName('createArchive', o.bus ?? 'default');
      store.buses.add(bus);
      const retention = o.retentionDays ?? 0;
      if (typeof retention !== 'number' || !Number.isInteger(retention) || retention < 0) {
        throw new TypeError(
          `eventBridgeEmulator.createArchive: retentionDays must be an integer >= 0, got ${describeValue(retention)}`,
        );
      }
      try {
        return store.createArchive({
          ArchiveName: name,
          EventSourceArn: store.busArn(bus),
          RetentionDays: retention,
          ...(o.eventPattern === undefined ? {} : { EventPattern: o.eventPattern }),
        }).arn;
      } catch (error: unknown) {
        if (error instanceof AwsServiceError)
          throw new TypeError(`eventBridgeEmulator.createArchive: ${error.message}`);
        throw error;
      }
    },
    archiveEvent(archive, event) {
      const target = archiveNamed('archiveEvent', archive);
      const e = readOptions(
        'eventBridgeEmulator.archiveEvent',
        event,
        ['source', 'detailType', 'detail', 'time'],
        'event',
      );
      if (typeof e.source !== 'string' || typeof e.detailType !== 'string' || typeof e.detail !== 'string') {
        throw new TypeError(
          'eventBridgeEmulator.archiveEvent: event.source, event.detailType and event.detail must be strings',
        );
      }
      if (typeof e.time !== 'number' || !Number.isFinite(e.time)) {
        throw new TypeError(
          `eventBridgeEmulator.archiveEvent: event.time must be epoch milliseconds, got ${describeValue(e.time)}`,
        );
      }
      const id = randomUUID();
      target.events.push({ id, source: e.source, detailType: e.detailType, detail: e.detail, time: e.time });
      return id;
    },
    archivedEvents: (archive) => [...archiveNamed('archivedEvents', archive).events],
    replays: () => [...store.replays.values()],
    runReplays: () => store.runReplays(),
    deny: edge.deny,
    reset() {
      store.clear();
      edge.resetEdge();
    },
  });
}

export type { ArchivedEvent, EventBridgeOperation, EventBridgeReplay };
export { EVENTBRIDGE_OPERATIONS };
