import { describe, expect, it } from 'vitest';
import { DependencyDownError, PermanentError, TransientError } from '../../ResilienceError.js';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseResilienceError } from './resilience.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

describe('recogniseResilienceError', () => {
  it('takes the error at its word', () => {
    // Prepare
    const error = new TransientError('x', {
      dependency: 'edna',
      status: 503,
      retryAfterMs: 900,
      code: 'E1',
      reason: 'throttled',
    });
    // Act + Assess
    expect(recogniseResilienceError(error, context)).toMatchObject({
      kind: 'transient',
      reason: 'throttled',
      status: 503,
      retryAfterMs: 900,
      code: 'E1',
      dependency: 'edna',
    });
  });

  it.each([
    [new DependencyDownError('x'), 'dependency-down', 'circuit-open'],
    [new PermanentError('x'), 'permanent', 'bad-request'],
    [new TransientError('x'), 'transient', 'server-error'],
  ])('%s has its default reason', (error, kind, reason) => {
    // Act + Assess
    expect(recogniseResilienceError(error, context)).toMatchObject({ kind, reason });
  });

  it('a permanent TLS error still counts against the dependency', () => {
    // Act + Assess
    expect(recogniseResilienceError(new PermanentError('x', { reason: 'tls' }), context)).toMatchObject({
      countsTowardBreaker: true,
    });
  });

  it('ignores a forged brand with a kind it does not know', () => {
    // Prepare
    const forged = { isBulwarkResilienceError: true, kind: 'catastrophic' };
    // Act + Assess
    expect(recogniseResilienceError(forged, context)).toBeUndefined();
  });

  it('clamps a negative retryAfterMs to 0', () => {
    // Act + Assess
    expect(
      recogniseResilienceError(new TransientError('x', { retryAfterMs: -5 }), context)?.retryAfterMs,
    ).toBe(0);
  });
});

describe('recogniseResilienceError: what a branded error from another copy says', () => {
  const forged = (fields: Record<string, unknown>) => ({ isBulwarkResilienceError: true, ...fields });

  it.each([
    ['transient', 'the dependency failed transiently'],
    ['dependency-down', 'the dependency is unavailable'],
    ['permanent', 'the operation failed permanently'],
    ['cancelled', 'the caller cancelled the operation'],
  ])('kind %s reads "%s"; an unknown reason becomes unknown', (kind, message) => {
    // Act + Assess
    expect(recogniseResilienceError(forged({ kind, reason: 'flaky' }), context)).toStrictEqual({
      kind,
      reason: 'unknown',
      message,
      status: undefined,
      retryAfterMs: undefined,
      code: undefined,
      dependency: undefined,
    });
  });

  it.each([
    [-5, 0],
    [1e9, 120_000],
  ])('retryAfterMs %d is clamped to %d', (given, kept) => {
    // Act + Assess
    expect(
      recogniseResilienceError(forged({ kind: 'transient', retryAfterMs: given }), context)?.retryAfterMs,
    ).toBe(kept);
  });

  it.each([
    ['transient', 'tls'],
    ['permanent', 'network'],
  ])('a %s %s error says nothing about the breaker itself', (kind, reason) => {
    // Act + Assess
    expect(recogniseResilienceError(forged({ kind, reason }), context)).not.toHaveProperty(
      'countsTowardBreaker',
    );
  });

  it.each([
    ['a brand that is only truthy', { isBulwarkResilienceError: 'true', kind: 'transient' }],
    ['a missing kind', { isBulwarkResilienceError: true }],
  ])('ignores %s', (_label, value) => {
    // Act + Assess
    expect(recogniseResilienceError(value, context)).toBeUndefined();
  });
});
