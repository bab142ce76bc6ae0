// What the EventBridge emulator holds: buses, archives with their events, and replays, with the service's rules
// for each (a replay reads one archive, goes back to the bus the archive records, and only for start < end).

import { randomUUID } from 'node:crypto';
import { requireString } from '../awsJson/awsJsonInput.js';
import { AwsServiceError } from '../awsJson/awsJsonService.js';

/**
 * An event as an archive keeps it.
 *
 * @example
 * ```ts
 * const [event] = events.archivedEvents('orders-archive');
 * event?.detailType; // 'OrderPlaced'
 * ```
 */
export interface ArchivedEvent {
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: string;
  /** Epoch milliseconds. */
  readonly time: number;
}

/**
 * A replay as the emulator holds it.
 *
 * @example
 * ```ts
 * events.replays()[0]?.state; // 'COMPLETED'
 * ```
 */
export interface EventBridgeReplay {
  readonly name: string;
  readonly arn: string;
  readonly archiveName: string;
  readonly destinationArn: string;
  /** The rules the replay is limited to (`Destination.FilterArns`); empty: every rule. */
  readonly filterArns: readonly string[];
  readonly startTime: number;
  readonly endTime: number;
  state: 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
  readonly replayStartTime: number;
  replayEndTime: number | undefined;
  /** The events sent back to the bus (each carries the replay's name, as the service adds `replay-name`). */
  replayed: ArchivedEvent[];
}

export interface Archive {
  readonly name: string;
  readonly arn: string;
  readonly eventSourceArn: string;
  readonly description: string | undefined;
  readonly eventPattern: string | undefined;
  readonly retentionDays: number;
  readonly createdAt: number;
  events: ArchivedEvent[];
}

const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

export class EventBridgeStore {
  readonly buses = new Set<string>(['default']);
  readonly archives = new Map<string, Archive>();
  readonly replays = new Map<string, EventBridgeReplay>();
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(region: string, accountId: string, now: () => number) {
    this.#prefix = `arn:aws:events:${region}:${accountId}:`;
    this.#now = now;
  }

  clear(): void {
    this.buses.clear();
    this.buses.add('default');
    this.archives.clear();
    this.replays.clear();
  }

  busArn(name: string): string {
    return `${this.#prefix}event-bus/${name}`;
  }

  archiveArn(name: string): string {
    return `${this.#prefix}archive/${name}`;
  }

  /** A bus named by name or ARN, or undefined when it does not exist. */
  bus(nameOrArn: string): string | undefined {
    const name = nameOrArn.startsWith(`${this.#prefix}event-bus/`)
      ? nameOrArn.slice(`${this.#prefix}event-bus/`.length)
      : nameOrArn;
    return this.buses.has(name) ? name : undefined;
  }

  createArchive(input: Record<string, unknown>): Archive {
    const name = requireString(input, 'ArchiveName');
    if (this.archives.has(name)) {
      throw new AwsServiceError('ResourceAlreadyExistsException', `Archive ${name} already exists.`);
    }
    const source = requireString(input, 'EventSourceArn');
    const bus = this.bus(source);
    if (bus === undefined)
      throw new AwsServiceError('ResourceNotFoundException', `Event bus ${source} does not exist.`);
    const pattern = input.EventPattern;
    if (pattern !== undefined) {
      try {
        JSON.parse(String(pattern));
      } catch {
        throw new AwsServiceError(
          'InvalidEventPatternException',
          'Event pattern is not valid. Reason: not JSON.',
        );
      }
    }
    const archive: Archive = {
      name,
      arn: this.archiveArn(name),
      eventSourceArn: this.busArn(bus),
      description: typeof input.Description === 'string' ? input.Description : undefined,
      eventPattern: typeof pattern === 'string' ? pattern : undefined,
      retentionDays: typeof input.RetentionDays === 'number' ? input.RetentionDays : 0,
      createdAt: this.#now(),
      events: [],
    };
    this.archives.set(name, archive);
    return archive;
  }

  archive(name: string): Archive {
    const archive = this.archives.get(name);
    if (archive === undefined)
      throw new AwsServiceError('ResourceNotFoundException', `Archive ${name} does not exist.`);
    return archive;
  }

  /** Puts one event on a bus: every archive of that bus whose pattern matches keeps it. */
  put(busName: string, event: ArchivedEvent): void {
    const arn = this.busArn(busName);
    for (const archive of this.archives.values()) {
      if (archive.eventSourceArn === arn && matches(archive.eventPattern, event)) archive.events.push(event);
    }
  }

  startReplay(input: Record<string, unknown>): EventBridgeReplay {
    const name = requireString(input, 'ReplayName');
    if (!REPLAY_NAME.test(name)) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${name}' at 'replayName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
      );
    }
    if (this.replays.has(name))
      throw new AwsServiceError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
    const sourceArn = requireString(input, 'EventSourceArn');
    const archiveName = sourceArn.startsWith(`${this.#prefix}archive/`)
      ? sourceArn.slice(`${this.#prefix}archive/`.length)
      : undefined;
    const archive = archiveName === undefined ? undefined : this.archives.get(archiveName);
    if (archive === undefined)
      throw new AwsServiceError('ResourceNotFoundException', `Archive ${sourceArn} does not exist.`);
    const start = input.EventStartTime;
    const end = input.EventEndTime;
    if (typeof start !== 'number' || typeof end !== 'number') {
      throw new AwsServiceError('ValidationException', 'EventStartTime and EventEndTime are required.');
    }
    if (!(start < end)) {
      throw new AwsServiceError(
        'ValidationException',
        'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
      );
    }
    const destination = (input.Destination as { Arn?: unknown } | undefined)?.Arn;
    const filters = (input.Destination as { FilterArns?: unknown } | undefined)?.FilterArns ?? [];
    if (
      !Array.isArray(filters) ||
      !filters.every((f) => typeof f === 'string' && f.startsWith(this.#prefix))
    ) {
      throw new AwsServiceError('ValidationException', 'Parameter Destination.FilterArns is not valid.');
    }
    if (destination !== archive.eventSourceArn) {
      throw new AwsServiceError(
        'ValidationException',
        `Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted; replay to ${archive.eventSourceArn}.`,
      );
    }
    const replay: EventBridgeReplay = {
      name,
      arn: `${this.#prefix}replay/${name}`,
      archiveName: archive.name,
      destinationArn: destination,
      filterArns: filters as string[],
      startTime: start * 1000,
      endTime: end * 1000,
      state: 'STARTING',
      replayStartTime: this.#now(),
      replayEndTime: undefined,
      replayed: [],
    };
    this.replays.set(name, replay);
    return replay;
  }

  /** Runs every replay that has not finished: its archive's events in [start, end) go back to the bus. */
  runReplays(): number {
    let ran = 0;
    for (const replay of this.replays.values()) {
      if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') continue;
      ran++;
      const archive = this.archives.get(replay.archiveName);
      if (archive === undefined) {
        replay.state = 'FAILED';
        continue;
      }
      replay.replayed = archive.events
        .filter((e) => e.time >= replay.startTime && e.time < replay.endTime)
        .map((e) => ({ ...e, id: randomUUID() }));
      replay.state = 'COMPLETED';
      replay.replayEndTime = this.#now();
    }
    return ran;
  }

  replay(name: string): EventBridgeReplay {
    const replay = this.replays.get(name);
    if (replay === undefined)
      throw new AwsServiceError('ResourceNotFoundException', `Replay ${name} does not exist.`);
    return replay;
  }
}

/**
 * A subset of event patterns: top-level `source`, `detail-type`, `account`... given as arrays of exact strings.
 * Any other pattern form matches every event (the emulator does not implement the full pattern language).
 */
function matches(pattern: string | undefined, event: ArchivedEvent): boolean {
  if (pattern === undefined) return true;
  const parsed = JSON.parse(pattern) as Record<string, unknown>;
  const fields: Record<string, string> = { source: event.source, 'detail-type': event.detailType };
  for (const [key, allowed] of Object.entries(parsed)) {
    const value = fields[key];
    if (value === undefined || !Array.isArray(allowed) || !allowed.every((a) => typeof a === 'string'))
      continue;
    if (!allowed.includes(value)) return false;
  }
  return true;
}
