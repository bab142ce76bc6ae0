import type { Classification } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { isAboutTheMessage } from './acknowledgeable.js';

const verdict = (fields: Partial<Classification>): Classification =>
  ({ kind: 'permanent', retryable: false, countsTowardBreaker: false, ...fields }) as Classification;

describe('isAboutTheMessage', () => {
  it.each([
    ['invalid input', verdict({ reason: 'invalid-input' })],
    ['a bad request without status', verdict({ reason: 'bad-request' })],
    ['a bad request answered 400', verdict({ reason: 'bad-request', status: 400 })],
    ['a bad request answered 422', verdict({ reason: 'bad-request', status: 422 })],
  ])('is true for %s', (_, c) => {
    expect(isAboutTheMessage(c)).toBe(true);
  });

  it.each([
    ['a bad request answered 409', verdict({ reason: 'bad-request', status: 409 })],
    ['a bad request answered 404', verdict({ reason: 'bad-request', status: 404 })],
    ['a permanent failure of ours', verdict({ reason: 'credentials', status: 403 })],
    ['a transient failure carrying invalid-input', verdict({ kind: 'transient', reason: 'invalid-input' })],
    ['a transient bad request', verdict({ kind: 'transient', reason: 'bad-request' })],
  ])('is false for %s', (_, c) => {
    expect(isAboutTheMessage(c)).toBe(false);
  });
});
