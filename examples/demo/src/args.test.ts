import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './args.js';

describe('parseDemoArgs', () => {
  it('defaults to seed 1, the full size, a TTY view when there is one', () => {
    expect(parseDemoArgs([])).toEqual({ seed: 1, size: 'full', out: undefined, plain: false, logs: false });
  });

  it('reads every option', () => {
    expect(parseDemoArgs(['--seed', '42', '--size', 'tiny', '--out', 'r.json', '--plain', '--logs'])).toEqual(
      {
        seed: 42,
        size: 'tiny',
        out: 'r.json',
        plain: true,
        logs: true,
      },
    );
  });

  it.each([
    [['--seed'], '--seed needs a value'],
    [['--seed', '-1'], "--seed must be a whole number from 0 to 999999999, got '-1'"],
    [['--seed', '1e3'], "--seed must be a whole number from 0 to 999999999, got '1e3'"],
    [['--seed', '9999999999'], "--seed must be a whole number from 0 to 999999999, got '9999999999'"],
    [['--size', 'huge'], "--size must be full or tiny, got 'huge'"],
    [['--sed', '3'], "unknown argument '--sed'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });
});
