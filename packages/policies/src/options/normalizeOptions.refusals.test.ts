// wrapDependency's refusals, each with the whole message a user reads: the name (and how a name unsafe
// to print is shown in every later message), the option groups given as something other than an
// object, and the collaborators (logger, metrics, sharedState, deadline) checked by their methods.

import { describe, expect, it } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import { normalizeOptions } from './normalizeOptions.js';

const refusal = (name: unknown, options: unknown) => () => normalizeOptions(name, options as never);
const badTimeout = { timeout: { attemptMs: 0 } };
const RULE = 'timeout.attemptMs must be a finite number of ms >= 1 and <= 2147483647, got 0';

describe('wrapDependency: the name', () => {
  it('a name unfit for SSM paths, dimensions and log keys is refused by wrapDependency', () => {
    expect(() => wrapDependency('edna\n', { logger: false })).toThrow(
      new TypeError(
        'wrapDependency: name must be 1-128 characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _, got "edna\\n"',
      ),
    );
  });

  it.each([
    ['', 'got ""'],
    ['   ', 'got "   "'],
    [42, 'got 42'],
    [undefined, 'got undefined'],
  ])('%j is refused', (name, got) => {
    expect(refusal(name, undefined)).toThrow(
      new TypeError(`wrapDependency: name must be a non-empty string, ${got}`),
    );
  });

  it.each([
    ['a plain name', 'edna', "wrapDependency('edna')"],
    ['a 64-character name', 'e'.repeat(64), `wrapDependency('${'e'.repeat(64)}')`],
    ['a 65-character name', 'e'.repeat(65), `wrapDependency("${'e'.repeat(40)}…" (65 characters))`],
    ['a name with a quote', "edna's", `wrapDependency("edna's")`],
    ['a name with a newline inside', 'ed\nna', 'wrapDependency("ed\\nna")'],
    ['a name ending in a newline', 'edna\n', 'wrapDependency("edna\\n")'],
    ['a name starting with a tab', '\tedna', 'wrapDependency("\\tedna")'],
  ])('%s is shown as %s in later messages', (_, name, owner) => {
    expect(refusal(name, badTimeout)).toThrow(new TypeError(`${owner}: ${RULE}`));
  });
});

describe('wrapDependency: option groups of the wrong shape', () => {
  it.each([
    [{ timeout: null }, 'timeout must be an object, got null'],
    [{ timeout: 5_000 }, 'timeout must be an object, got 5000'],
    [
      { timeout: false },
      'timeout must be an object, got false; a timeout cannot be turned off: give larger attemptMs/totalMs',
    ],
    [{ breaker: null }, 'breaker must be an object or false, got null'],
    [{ breaker: 'consecutive' }, 'breaker must be an object or false, got "consecutive"'],
    [{ bulkhead: null }, 'bulkhead must be an object or false, got null'],
    [{ bulkhead: 10 }, 'bulkhead must be an object or false, got 10'],
    [{ retry: null }, 'retry must be an object or false, got null'],
    [{ retry: { budget: null } }, 'retry.budget must be an object or false, got null'],
    [
      { retry: { backoff: { jitter: 7 } } },
      "retry.backoff.jitter must be 'decorrelated', 'full' or 'none', got 7",
    ],
    [{ retry: { backoff: null } }, 'retry.backoff must be an object, got null'],
    [{ retry: { backoff: 5 } }, 'retry.backoff must be an object, got 5'],
    [{ breaker: { kind: 42 } }, "breaker.kind must be 'consecutive', 'count' or 'sampling', got 42"],
  ])('%j is refused', (options, message) => {
    expect(refusal('edna', options)).toThrow(new TypeError(`wrapDependency('edna'): ${message}`));
  });
});

describe('wrapDependency: a nested group names its path', () => {
  it('an unknown key of breaker.breakDuration names breaker.breakDuration and the nearest key', () => {
    // The quoting of the path is @bulwark/errors' readOptions's; this pins the path and the hint.
    expect(refusal('edna', { breaker: { breakDuration: { maxMS: 60_000 } } })).toThrow(
      /^wrapDependency\('edna'\): unknown option .*breaker\.breakDuration\..*maxMS.*; did you mean "maxMs"\? Valid: maxMs, exponent, jitter$/,
    );
  });
});

describe('wrapDependency: collaborators are checked by their methods', () => {
  const LOGGER_RULE = 'logger must be a logger with info() and warn(), or false';

  it.each([
    [{ logger: null }, `${LOGGER_RULE}, got null; use false for no logging`],
    [{ logger: 'console' }, `${LOGGER_RULE}, got "console"`],
    [{ logger: { info: () => undefined } }, `${LOGGER_RULE}, got an object`],
    [{ metrics: {} }, 'metrics must be a Powertools Metrics (with addMetric()), got an object'],
  ])('%j is refused', (options, message) => {
    expect(refusal('edna', options)).toThrow(new TypeError(`wrapDependency('edna'): ${message}`));
  });

  it('a logger whose getter throws is refused, not the getter’s error', () => {
    // Prepare
    const hostile = Object.defineProperty({ warn: () => undefined }, 'info', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    // Act + Assess
    expect(refusal('edna', { logger: hostile })).toThrow(
      new TypeError(`wrapDependency('edna'): ${LOGGER_RULE}, got an object`),
    );
  });

  it('a logger that is a function carrying info() and warn() is accepted', () => {
    // Prepare
    const logger = Object.assign(() => undefined, { info: () => undefined, warn: () => undefined });
    // Act + Assess
    expect(normalizeOptions('edna', { logger }).logger).toBe(logger);
  });

  it('a sharedState that is a function carrying current() and ready() is accepted', () => {
    // Prepare
    const sharedState = Object.assign(() => undefined, {
      current: () => undefined,
      ready: () => Promise.resolve(),
    });
    // Act + Assess
    expect(() => normalizeOptions('edna', { sharedState: sharedState as never })).not.toThrow();
  });
});
