// Brand-only objects: proves the recognition is structural, with no import of cockatiel. (Its real
// errors from real policies are in test/errors/cockatielFaults.)
import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseCockatiel } from './cockatiel.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

const branded = (brand: string, message = 'x') => Object.assign(new Error(message), { [brand]: true });

describe('recogniseCockatiel', () => {
  it.each([
    ['isBrokenCircuitError', 'dependency-down', 'circuit-open', 'BrokenCircuitError'],
    ['isHydratingCircuitError', 'dependency-down', 'circuit-open', 'HydratingCircuitError'],
    ['isBulkheadRejectedError', 'dependency-down', 'bulkhead-full', 'BulkheadRejectedError'],
  ])('%s -> %s/%s', (brand, kind, reason, code) => {
    // Act + Assess
    expect(recogniseCockatiel(branded(brand), context)).toMatchObject({ kind, reason, code });
  });

  it('an isolated circuit (which is also a broken one) is named isolated', () => {
    // Prepare
    const isolated = Object.assign(new Error('x'), {
      isBrokenCircuitError: true,
      isIsolatedCircuitError: true,
    });
    // Act + Assess
    expect(recogniseCockatiel(isolated, context)).toMatchObject({ code: 'IsolatedCircuitError' });
  });

  it("tells cockatiel's timeout from a cancellation by the message its timeout policy writes", () => {
    // Act + Assess
    expect(
      recogniseCockatiel(branded('isTaskCancelledError', 'Operation timed out after 20ms'), context),
    ).toMatchObject({ kind: 'transient', reason: 'timeout' });
    expect(recogniseCockatiel(branded('isTaskCancelledError', 'Operation cancelled'), context)).toMatchObject(
      {
        kind: 'cancelled',
      },
    );
  });

  it('needs the brand to be exactly true', () => {
    // Act + Assess
    expect(
      recogniseCockatiel(Object.assign(new Error('x'), { isBrokenCircuitError: 'yes' }), context),
    ).toBeUndefined();
  });
});

describe('recogniseCockatiel: the exact verdicts', () => {
  it.each([
    [
      'isIsolatedCircuitError',
      'x',
      'dependency-down',
      'circuit-open',
      'IsolatedCircuitError',
      'the circuit is isolated',
    ],
    [
      'isBrokenCircuitError',
      'x',
      'dependency-down',
      'circuit-open',
      'BrokenCircuitError',
      'the circuit is open',
    ],
    [
      'isHydratingCircuitError',
      'x',
      'dependency-down',
      'circuit-open',
      'HydratingCircuitError',
      'the circuit is half-open and its probe is in flight',
    ],
    [
      'isBulkheadRejectedError',
      'x',
      'dependency-down',
      'bulkhead-full',
      'BulkheadRejectedError',
      'the bulkhead is full',
    ],
    [
      'isTaskCancelledError',
      'Operation timed out after 50ms',
      'transient',
      'timeout',
      'TaskCancelledError',
      'the attempt timed out',
    ],
    [
      'isTaskCancelledError',
      'Operation cancelled',
      'cancelled',
      'cancelled',
      'TaskCancelledError',
      'the caller cancelled the operation',
    ],
    [
      'isTaskCancelledError',
      'cancelled: Operation timed out',
      'cancelled',
      'cancelled',
      'TaskCancelledError',
      'the caller cancelled the operation',
    ],
  ])('%s (%j) -> %s/%s', (brand, text, kind, reason, code, message) => {
    // Act + Assess
    expect(recogniseCockatiel(branded(brand, text), context)).toEqual({ kind, reason, code, message });
  });

  it('a cancellation without a message is a cancellation', () => {
    // Act + Assess
    expect(recogniseCockatiel({ isTaskCancelledError: true }, context)).toMatchObject({ kind: 'cancelled' });
  });

  it.each(['isBrokenCircuitError', 'isTaskCancelledError'])(
    'a truthy but not true %s is no brand',
    (brand) => {
      // Act + Assess
      expect(recogniseCockatiel({ [brand]: 'yes', message: 'Operation timed out' }, context)).toBeUndefined();
    },
  );
});
