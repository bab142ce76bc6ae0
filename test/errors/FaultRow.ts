// One row of the fault matrix: how to make a failure, and what classify() must say about it.
import type { Classification } from '@bulwark/errors';
import { expect } from 'vitest';

export interface Expected {
  readonly kind: Classification['kind'];
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly httpStatus: number;
  /** Extra facts checked when given: reason, upstream status, code, countsTowardBreaker. */
  readonly reason?: Classification['reason'];
  readonly status?: number;
  readonly code?: string;
  readonly countsTowardBreaker?: boolean;
}

export interface FaultRow {
  readonly name: string;
  /** True when the failure is made for real (a socket, a server, the real SDK or cockatiel policy). */
  readonly real: boolean;
  /** Produces the thrown value (or the failed Response) to classify. */
  readonly make: () => Promise<unknown>;
  readonly expected: Expected;
}

/** Runs `make` and returns what it rejected with; a `make` that resolves returns its value (a Response). */
export async function failureOf(make: () => Promise<unknown>): Promise<unknown> {
  try {
    return await make();
  } catch (error) {
    return error;
  }
}

/** Asserts the four required facts, and the optional ones a row names. */
export function expectClassification(got: Classification, expected: Expected): void {
  expect({
    kind: got.kind,
    retryable: got.retryable,
    retryAfterMs: got.retryAfterMs,
    httpStatus: got.httpStatus,
  }).toEqual({
    kind: expected.kind,
    retryable: expected.retryable,
    retryAfterMs: expected.retryAfterMs,
    httpStatus: expected.httpStatus,
  });
  if (expected.reason !== undefined) expect(got.reason).toBe(expected.reason);
  if (expected.status !== undefined) expect(got.status).toBe(expected.status);
  if (expected.code !== undefined) expect(got.code).toBe(expected.code);
  if (expected.countsTowardBreaker !== undefined)
    expect(got.countsTowardBreaker).toBe(expected.countsTowardBreaker);
}

/** Shorthands for the common verdicts. */
export const transient = (reason: Classification['reason'], extra: Partial<Expected> = {}): Expected => ({
  kind: 'transient',
  retryable: true,
  retryAfterMs: undefined,
  httpStatus: reason === 'timeout' ? 504 : 503,
  reason,
  countsTowardBreaker: true,
  ...extra,
});

export const permanent = (
  reason: Classification['reason'],
  httpStatus: number,
  extra: Partial<Expected> = {},
): Expected => ({
  kind: 'permanent',
  retryable: false,
  retryAfterMs: undefined,
  httpStatus,
  reason,
  ...extra,
});
