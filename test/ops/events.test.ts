// `bulwark events replay|replay-status` end to end: the real @aws-sdk/client-eventbridge against the EventBridge
// emulator, as an operator replays the events a broken consumer missed.
import { eventBridgeEmulator, useMswServer } from '@bulwark/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { events, NOW } from './support.js';

const bridge = eventBridgeEmulator();
useMswServer(...bridge.handlers);

const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/orders';
const RANGE = ['--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T11:00:00Z'];

/** An archive of the `orders` bus with events at 09:30, 10:15, 10:45 and 11:30. */
function ordersArchive(): string {
  const arn = bridge.createArchive('orders-archive', { bus: 'orders', retentionDays: 30 });
  for (const time of ['09:30', '10:15', '10:45', '11:30']) {
    bridge.archiveEvent('orders-archive', {
      source: 'orders',
      detailType: 'OrderPlaced',
      detail: JSON.stringify({ at: time, card: '4111-1111' }),
      time: Date.parse(`2026-11-23T${time}:00Z`),
    });
  }
  return arn;
}

beforeEach(() => bridge.reset());

describe('bulwark events replay: a dry run by default', () => {
  it('describes the archive, its event count and the range, and starts nothing', async () => {
    ordersArchive();

    const run = await events(['replay', '--archive', 'orders-archive', ...RANGE]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/archive\s+orders-archive \(ENABLED\)/);
    expect(run.stdout).toMatch(/holds\s+4 events, \d+ bytes in all \(EventBridge gives no count per range\)/);
    expect(run.stdout).toMatch(
      /range\s+2026-11-23T10:00:00.000Z to 2026-11-23T11:00:00.000Z \(end exclusive, 60 min\)/,
    );
    expect(run.stdout).toContain(`destination  ${BUS} (the archive's bus)`);
    expect(run.stdout).toMatch(/every rule on the bus whose pattern matches receives the events again/);
    expect(run.stdout).toMatch(
      /dry run: nothing replayed\. To start it: bulwark events replay --archive orders-archive --from 2026-11-23T10:00:00.000Z --to 2026-11-23T11:00:00.000Z --name bulwark-orders-archive-20261123T120000Z --yes/,
    );
    expect(run.stdout).not.toContain('4111');
    expect(bridge.calls.StartReplay).toBe(0);
    expect(bridge.replays()).toHaveLength(0);
  });

  it('notes a range that starts before the archive existed or beyond its retention', async () => {
    ordersArchive();

    const run = await events([
      'replay',
      '--archive',
      'orders-archive',
      '--from',
      '2026-09-01T00:00:00Z',
      '--to',
      '2026-11-23T11:00:00Z',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /note\s+the archive keeps events 30 days: those before 2026-10-24T12:00:00.000Z are gone/,
    );
  });
});

describe('bulwark events replay: starting it', () => {
  it('--yes starts one replay of [from, to) back to the archive bus, and says how to follow it', async () => {
    const arn = ordersArchive();

    const run = await events([
      'replay',
      '--archive',
      'orders-archive',
      ...RANGE,
      '--yes',
      '--name',
      'inc-42',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/started replay inc-42 \(STARTING\)/);
    expect(run.stdout).toMatch(/follow it: bulwark events replay-status inc-42/);
    const [replay] = bridge.replays();
    expect(replay).toMatchObject({
      name: 'inc-42',
      destinationArn: BUS,
      filterArns: [],
      archiveName: 'orders-archive',
    });
    expect(replay?.replayed.map((e) => JSON.parse(e.detail).at)).toEqual(['10:15', '10:45']);
    expect(arn).toBe('arn:aws:events:us-east-1:123456789012:archive/orders-archive');
  });

  it('--rule limits the replay to those rules of the bus (FilterArns)', async () => {
    ordersArchive();

    const run = await events([
      'replay',
      '--archive',
      'orders-archive',
      ...RANGE,
      '--rule',
      'charge',
      '--yes',
    ]);

    expect(run.code).toBe(0);
    expect(bridge.replays()[0]?.filterArns).toEqual([
      'arn:aws:events:us-east-1:123456789012:rule/orders/charge',
    ]);
  });

  it('--execute asks first; "no" starts nothing and exits 1; off a terminal it refuses to ask (exit 2)', async () => {
    ordersArchive();

    const refused = await events(['replay', '--archive', 'orders-archive', ...RANGE, '--execute'], {
      answer: false,
    });
    const noTerminal = await events(['replay', '--archive', 'orders-archive', ...RANGE, '--execute']);

    expect(refused.code).toBe(1);
    expect(refused.asked[0]).toMatch(
      /Replay orders-archive from 2026-11-23T10:00:00.000Z to 2026-11-23T11:00:00.000Z into orders \(every matching rule\)\? \[y\/N\]/,
    );
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toMatch(/pass --yes/);
    expect(bridge.calls.StartReplay).toBe(0);
  });

  it('--destination must be the archive bus: another bus exits 2 before any replay; the same bus is fine', async () => {
    ordersArchive();

    const other = await events([
      'replay',
      '--archive',
      'orders-archive',
      ...RANGE,
      '--destination',
      'default',
      '--yes',
    ]);
    const same = await events(['replay', '--archive', 'orders-archive', ...RANGE, '--destination', 'orders']);

    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--destination default is not the archive's bus \(.*event-bus\/orders\)/);
    expect(same.code).toBe(0);
    expect(bridge.calls.StartReplay).toBe(0);
  });
});

describe('bulwark events replay: times are checked before any request', () => {
  it.each([
    [
      'a time without a zone',
      ['--from', '2026-11-23T10:00:00', '--to', '2026-11-23T11:00:00Z'],
      /ISO 8601 time with a time zone/,
    ],
    [
      'a day the month lacks',
      ['--from', '2026-02-30T10:00:00Z', '--to', '2026-11-23T11:00:00Z'],
      /--from must be an ISO 8601/,
    ],
    [
      'from after to',
      ['--from', '2026-11-23T11:00:00Z', '--to', '2026-11-23T10:00:00Z'],
      /--from must be before --to/,
    ],
    [
      'to in the future',
      ['--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T13:00:00Z'],
      /--to is in the future/,
    ],
    ['no --to', ['--from', '2026-11-23T10:00:00Z'], /needs --from <time> and --to <time>/],
  ])('%s is a usage error (exit 2)', async (_label, range, message) => {
    ordersArchive();

    const run = await events(['replay', '--archive', 'orders-archive', ...range, '--yes']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(bridge.calls.DescribeArchive).toBe(0);
  });

  it('--to now replays up to the present', async () => {
    ordersArchive();

    const run = await events([
      'replay',
      '--archive',
      'orders-archive',
      '--from',
      '2026-11-23T10:00:00Z',
      '--to',
      'now',
      '--yes',
    ]);

    expect(run.code).toBe(0);
    expect(bridge.replays()[0]?.endTime).toBe(NOW);
    expect(bridge.replays()[0]?.replayed).toHaveLength(3);
  });
});

describe('bulwark events replay-status', () => {
  it('prints the state and range; --json the same as JSON', async () => {
    ordersArchive();
    await events(['replay', '--archive', 'orders-archive', ...RANGE, '--yes', '--name', 'inc-42']);

    const text = await events(['replay-status', 'inc-42']);
    const json = await events(['replay-status', 'inc-42', '--json']);

    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/state\s+COMPLETED/);
    expect(text.stdout).toMatch(/range\s+2026-11-23T10:00:00.000Z to 2026-11-23T11:00:00.000Z/);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'inc-42', state: 'COMPLETED', destination: BUS });
  });

  it('an unknown replay exits 1 naming it', async () => {
    const run = await events(['replay-status', 'ghost']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EventBridge has no replay ghost/);
  });
});

describe('bulwark events: EventBridge refusing', () => {
  it('an unknown archive exits 1 naming it', async () => {
    const run = await events(['replay', '--archive', 'nope', ...RANGE]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EventBridge has no archive nope/);
  });

  it('throttling exits 1 naming the error and the call', async () => {
    ordersArchive();
    bridge.throttleNext(1);

    const run = await events(['replay', '--archive', 'orders-archive', ...RANGE]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /EventBridge throttled DescribeArchive on archive orders-archive after 1 attempt \(ThrottlingException/,
    );
  });

  it('a role without events:StartReplay exits 1 naming the missing action', async () => {
    ordersArchive();
    bridge.deny('StartReplay');

    const run = await events(['replay', '--archive', 'orders-archive', ...RANGE, '--yes']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /access denied: events:StartReplay on archive orders-archive \(AccessDeniedException/,
    );
    expect(run.stderr).toMatch(/The role needs events:DescribeArchive/);
  });
});
