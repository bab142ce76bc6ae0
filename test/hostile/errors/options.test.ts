// Items 2-4 for @bulwark/errors: every options object refuses unknown keys (with the nearest valid name)
// and durations beyond Node's timer limit, and prints bad values through describeValue.
import {
  createClassifier,
  MAX_TIMER_MS,
  PermanentError,
  TransientError,
  toProblemDetails,
} from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../messageOf.js';

describe('createClassifier options', () => {
  it('refuses an unknown key with the nearest valid one', () => {
    expect(messageOf(() => createClassifier([], { maxRetryAfter: 5 } as never))).toContain(
      'createClassifier: unknown option "maxRetryAfter"; did you mean "maxRetryAfterMs"?',
    );
  });

  it('refuses a maxRetryAfterMs beyond MAX_TIMER_MS, naming the limit', () => {
    const message = messageOf(() => createClassifier([], { maxRetryAfterMs: 2 ** 31 }));
    expect(message).toContain('maxRetryAfterMs');
    expect(message).toContain(String(MAX_TIMER_MS));
  });

  it.each([
    [Number.NaN, 'got NaN'],
    [Infinity, 'got Infinity'],
  ])('prints %s as it is', (value, expected) => {
    expect(messageOf(() => createClassifier([], { maxRetryAfterMs: value }))).toContain(expected);
  });

  it('refuses an unknown rule field with the nearest valid one', () => {
    const rule = { match: () => true, kind: 'transient', retryAfter: 5 };
    expect(messageOf(() => createClassifier([rule as never]))).toContain('did you mean "retryAfterMs"?');
  });

  it('refuses a rule retryAfterMs beyond MAX_TIMER_MS', () => {
    const rule = { match: () => true, kind: 'transient', retryAfterMs: 2 ** 31 };
    expect(messageOf(() => createClassifier([rule as never]))).toContain(String(MAX_TIMER_MS));
  });

  it('never prints a rule object', () => {
    const rule = { match: 'x', kind: 'transient', name: 'n', code: 'c' };
    const message = messageOf(() =>
      createClassifier([{ ...rule, match: { apiKey: 'SECRET-IN-RULE' } } as never]),
    );
    expect(message).not.toContain('SECRET');
  });
});

describe('toProblemDetails options', () => {
  it('refuses an unknown key with the nearest valid one', () => {
    expect(messageOf(() => toProblemDetails(new Error('x'), { instanse: 'urn:x' } as never))).toContain(
      'did you mean "instance"?',
    );
  });

  it('refuses a classifier that is not a function', () => {
    expect(messageOf(() => toProblemDetails(new Error('x'), { classifier: 5 } as never))).toContain(
      'classifier must be',
    );
  });
});

describe('error constructor options', () => {
  it.each([
    ['TransientError', () => new TransientError('x', { retryAfter: 5 } as never), 'retryAfterMs'],
    ['PermanentError', () => new PermanentError('x', { dependancy: 'edna' } as never), 'dependency'],
  ])('%s refuses an unknown key', (_name, make, near) => {
    expect(messageOf(make)).toContain(`did you mean "${near}"?`);
  });
});
