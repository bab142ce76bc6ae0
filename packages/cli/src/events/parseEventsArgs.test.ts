import { describe, expect, it } from 'vitest';
import { defaultReplayName } from './eventsReplay.js';
import { parseEventsArgs } from './parseEventsArgs.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const RANGE = ['--from', '2026-11-23T10:00:00+01:00', '--to', '2026-11-23T11:00:00.5Z'];

describe('parseEventsArgs', () => {
  it('reads a replay: times with zones to epoch ms, repeatable --rule, a dry run by default', () => {
    const parsed = parseEventsArgs(
      ['replay', '--archive', 'a', ...RANGE, '--rule', 'r1', '--rule', 'r2'],
      NOW,
    );

    expect(parsed).toMatchObject({
      help: false,
      command: 'replay',
      archive: 'a',
      from: Date.parse('2026-11-23T09:00:00Z'),
      to: Date.parse('2026-11-23T11:00:00.500Z'),
      rules: ['r1', 'r2'],
      execute: false,
      yes: false,
      timeoutMs: 5000,
    });
  });

  it('--yes implies execute; --to now is the clock', () => {
    const parsed = parseEventsArgs(
      ['replay', '--archive', 'a', '--from', '2026-11-23T10:00Z', '--to', 'now', '-y'],
      NOW,
    );

    expect(parsed).toMatchObject({ execute: true, yes: true, to: NOW });
  });

  it.each([
    [['replay', '--archive', 'a', '--from', '2026-11-23T10:00:00', '--to', 'now'], /with a time zone/],
    [
      ['replay', '--archive', 'a', '--from', '2026-02-29T10:00:00Z', '--to', 'now'],
      /--from must be an ISO 8601/,
    ],
    [
      ['replay', '--archive', 'a', '--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T10:00:00Z'],
      /--from must be before --to/,
    ],
    [
      ['replay', '--archive', 'a', '--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T12:00:01Z'],
      /--to is in the future/,
    ],
    [['replay', '--archive', 'a', ...RANGE, '--dry-run', '--execute'], /--dry-run contradicts --execute/],
    [['replay', '--archive', 'a', ...RANGE, '--timeout', '0'], /--timeout must be/],
    [['replay-status'], /needs a replay name/],
    [['replay-status', 'r', '--archive', 'a'], /--archive does not apply to "replay-status"/],
    [['replay', '--archiv', 'a', ...RANGE], /did you mean '--archive'\?/],
    [['replya'], /did you mean replay\?/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseEventsArgs(argv, NOW)).toThrow(message);
  });

  it('--help names the command whose usage to print', () => {
    expect(parseEventsArgs(['replay', '--help'], NOW)).toEqual({ help: true, command: 'replay' });
    expect(parseEventsArgs(['--help'], NOW)).toEqual({ help: true, command: undefined });
  });
});

describe('defaultReplayName', () => {
  it('is bulwark-<archive>-<UTC time>, at most 64 characters, the time kept whole', () => {
    expect(defaultReplayName('orders', NOW)).toBe('bulwark-orders-20261123T120000Z');
    const long = defaultReplayName('a'.repeat(48), NOW);
    expect(long).toHaveLength(64);
    expect(long.endsWith('-20261123T120000Z')).toBe(true);
  });
});
