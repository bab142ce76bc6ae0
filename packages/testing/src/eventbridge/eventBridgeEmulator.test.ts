// Conformance: EventBridge archive and replay scenarios from the API reference, played through the real
// @aws-sdk/client-eventbridge (awsJson1_1) against the emulator. Error names are the SDK's exception classes.
// The rules held here, from the EventBridge API reference (as quoted in the SDK's model docs):
// - ReplayDestination.Arn: "You can replay events only to the event bus specified to create the archive."
// - StartReplay: only events between EventStartTime and EventEndTime are replayed; a replay name is unique.
// - DescribeArchive: EventCount and SizeBytes of the whole archive (no count per time range).
import {
  AccessDeniedException,
  CancelReplayCommand,
  CreateArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartReplayCommand,
  ThrottlingException,
} from '@aws-sdk/client-eventbridge';
import { beforeEach, describe, expect, it } from 'vitest';
import { rejection, sdkClient } from '../__support__/sdkConformance.js';
import { takeScriptErrors } from '../msw/scriptErrors.js';
import { useMswServer } from '../msw/useMswServer.js';
import { EVENTBRIDGE_OPERATIONS, eventBridgeEmulator } from './eventBridgeEmulator.js';

const events = eventBridgeEmulator();
const manual = eventBridgeEmulator({ region: 'eu-west-1', replays: 'manual' });
useMswServer(...events.handlers, ...manual.handlers);
const client = sdkClient(EventBridgeClient);
const euClient = sdkClient(EventBridgeClient, 'eu-west-1');
const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/orders';
const T0 = Date.parse('2026-11-01T10:00:00Z');

function seed(emulator = events) {
  const arn = emulator.createArchive('orders-archive', { bus: 'orders' });
  for (const [i, minutes] of [0, 30, 90].entries()) {
    emulator.archiveEvent('orders-archive', {
      source: 'orders',
      detailType: 'OrderPlaced',
      detail: JSON.stringify({ i }),
      time: T0 + minutes * 60_000,
    });
  }
  return arn;
}

const replay = (arn: string, name: string, from: number, to: number, destination = BUS) =>
  new StartReplayCommand({
    ReplayName: name,
    EventSourceArn: arn,
    EventStartTime: new Date(from),
    EventEndTime: new Date(to),
    Destination: { Arn: destination },
  });

beforeEach(() => {
  events.reset();
  manual.reset();
});

describe('archives', () => {
  it('CreateArchive, PutEvents into it (pattern matched), DescribeArchive counts them', async () => {
    events.createBus('orders');
    await client.send(
      new CreateArchiveCommand({
        ArchiveName: 'placed',
        EventSourceArn: BUS,
        EventPattern: JSON.stringify({ 'detail-type': ['OrderPlaced'] }),
        RetentionDays: 7,
      }),
    );

    const put = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'orders', Source: 'orders', DetailType: 'OrderPlaced', Detail: '{"id":1}' },
          { EventBusName: 'orders', Source: 'orders', DetailType: 'OrderShipped', Detail: '{"id":1}' },
          { EventBusName: 'orders', Source: 'orders', DetailType: 'OrderPlaced', Detail: 'not json' },
        ],
      }),
    );
    const archive = await client.send(new DescribeArchiveCommand({ ArchiveName: 'placed' }));

    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[2]?.ErrorCode).toBe('MalformedDetail');
    expect(archive).toMatchObject({
      ArchiveName: 'placed',
      EventSourceArn: BUS,
      State: 'ENABLED',
      RetentionDays: 7,
      EventCount: 1,
    });
    expect(archive.CreationTime).toBeInstanceOf(Date);
  });

  it('DescribeArchive of an unknown archive is ResourceNotFoundException', async () => {
    const error = await rejection(client.send(new DescribeArchiveCommand({ ArchiveName: 'nope' })));

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toMatch(/nope/);
  });
});

describe('replays', () => {
  it('StartReplay replays only the events of [start, end) back to the bus; DescribeReplay reports it', async () => {
    const arn = seed();

    const started = await client.send(replay(arn, 'r1', T0, T0 + 60 * 60_000));
    const described = await client.send(new DescribeReplayCommand({ ReplayName: 'r1' }));

    expect(started.State).toBe('STARTING');
    expect(described).toMatchObject({
      ReplayName: 'r1',
      State: 'COMPLETED',
      EventSourceArn: arn,
      Destination: { Arn: BUS },
      EventStartTime: new Date(T0),
      EventEndTime: new Date(T0 + 60 * 60_000),
    });
    expect(events.replays()[0]?.replayed.map((e) => JSON.parse(e.detail).i)).toEqual([0, 1]);
  });

  it.each([
    ['an end before the start', T0 + 1000, T0, BUS, /EventStartTime must be before EventEndTime/],
    [
      'another bus',
      T0,
      T0 + 1000,
      'arn:aws:events:us-east-1:123456789012:event-bus/default',
      /Cross event bus replay is not permitted/,
    ],
  ])('refuses %s with a ValidationException', async (_label, from, to, destination, message) => {
    const arn = seed();

    const error = await rejection(client.send(replay(arn, 'r1', from, to, destination)));

    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(message);
  });

  it('a replay name is unique; an unknown archive and an unknown replay are ResourceNotFoundException', async () => {
    const arn = seed();
    await client.send(replay(arn, 'r1', T0, T0 + 1000));

    const twice = await rejection(client.send(replay(arn, 'r1', T0, T0 + 1000)));
    const noArchive = await rejection(client.send(replay(`${arn}x`, 'r2', T0, T0 + 1000)));
    const noReplay = await rejection(client.send(new DescribeReplayCommand({ ReplayName: 'ghost' })));

    expect(twice).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(noArchive).toBeInstanceOf(ResourceNotFoundException);
    expect(noReplay).toBeInstanceOf(ResourceNotFoundException);
  });

  it("with replays: 'manual' a replay stays STARTING until runReplays, and CancelReplay stops it", async () => {
    const arn = seed(manual);
    const euBus = 'arn:aws:events:eu-west-1:123456789012:event-bus/orders';
    await euClient.send(replay(arn, 'r1', T0, T0 + 1000, euBus));
    await euClient.send(replay(arn, 'r2', T0, T0 + 1000, euBus));

    const before = await euClient.send(new DescribeReplayCommand({ ReplayName: 'r1' }));
    const cancelled = await euClient.send(new CancelReplayCommand({ ReplayName: 'r2' }));
    manual.runReplays();
    const after = await euClient.send(new DescribeReplayCommand({ ReplayName: 'r1' }));

    expect(before.State).toBe('STARTING');
    expect(cancelled.State).toBe('CANCELLING');
    expect(after.State).toBe('COMPLETED');
    expect(manual.replays().map((r) => r.state)).toEqual(['COMPLETED', 'CANCELLED']);
  });
});

describe('fault knobs and unknown operations', () => {
  it('throttleNext answers ThrottlingException; deny answers AccessDeniedException naming the action', async () => {
    const arn = seed();
    events.throttleNext(1);
    events.deny('StartReplay');

    const throttled = await rejection(
      client.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' })),
    );
    const denied = await rejection(client.send(replay(arn, 'r1', T0, T0 + 1000)));

    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect(denied.message).toMatch(/not authorized to perform: events:StartReplay/);
  });

  it('an operation it does not emulate is an UnknownOperationException naming it', async () => {
    const error = await rejection(client.send(new ListRulesCommand({})));
    const recorded = takeScriptErrors(events.handlers);

    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toMatch(/does not emulate AWSEvents\.ListRules/);
    expect(recorded).toHaveLength(1);
  });

  it('counts every operation it answers', () => {
    expect(Object.keys(events.calls).sort()).toEqual([...EVENTBRIDGE_OPERATIONS].sort());
  });

  it.each([
    [{ region: 'moon-1' }, /region must look like/],
    [{ replays: 'soon' }, /replays must be 'immediate' or 'manual'/],
    [{ acountId: '123456789012' }, /unknown option "acountId"; did you mean "accountId"\?/],
  ])('refuses bad options %o', (options, message) => {
    expect(() => eventBridgeEmulator(options as never)).toThrow(message);
  });

  it('refuses seeding an archive that does not exist and an event without a time', () => {
    events.createArchive('a');

    expect(() =>
      events.archiveEvent('ghost', { source: 's', detailType: 'd', detail: '{}', time: 0 }),
    ).toThrow(/no archive/);
    expect(() => events.archiveEvent('a', { source: 's', detailType: 'd', detail: '{}' } as never)).toThrow(
      /event.time must be epoch milliseconds/,
    );
  });
});
