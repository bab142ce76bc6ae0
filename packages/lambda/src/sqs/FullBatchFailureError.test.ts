import { FullBatchFailureError as PowertoolsFullBatchFailureError } from '@aws-lambda-powertools/batch';
import { describe, expect, it } from 'vitest';
import { type BatchSummary, emptySummary } from './BatchSummary.js';
import { FullBatchFailureError, isFullBatchFailure } from './FullBatchFailureError.js';

// A summary of `records` records with the given counts; everything else zero.
function summary(records: number, change: (s: BatchSummary) => void): BatchSummary {
  const s = emptySummary(records, false);
  change(s);
  return s;
}

describe('FullBatchFailureError message', () => {
  it('adds up every failed kind', () => {
    // Arrange
    const s = summary(15, (x) => {
      x.failed = { transient: 1, 'dependency-down': 2, permanent: 4, cancelled: 8 };
    });

    // Act
    const error = new FullBatchFailureError(s, []);

    // Assess
    expect(error.message).toBe('All 15 records of the batch were reported for redelivery (15 failed).');
  });

  it('names each reason with its count, in order, separated by commas', () => {
    // Arrange: deadline skips and interrupted records are one reason, counted together.
    const s = summary(19, (x) => {
      x.failed.transient = 1;
      x.skipped = { breakerOpen: 2, deadline: 3, fifo: 9 };
      x.interrupted = 4;
    });

    // Act
    const { message } = new FullBatchFailureError(s, []);

    // Assess
    expect(message).toBe(
      'All 19 records of the batch were reported for redelivery (1 failed, 2 skipped because a breaker is open, ' +
        '7 stopped by the deadline guard, 9 skipped after an earlier failure of their FIFO group).',
    );
  });

  it.each([
    ['breaker', (x: BatchSummary) => (x.skipped.breakerOpen = 1), '1 skipped because a breaker is open'],
    ['deadline', (x: BatchSummary) => (x.skipped.deadline = 1), '1 stopped by the deadline guard'],
    ['interrupted', (x: BatchSummary) => (x.interrupted = 1), '1 stopped by the deadline guard'],
    [
      'fifo',
      (x: BatchSummary) => (x.skipped.fifo = 1),
      '1 skipped after an earlier failure of their FIFO group',
    ],
    ['failed', (x: BatchSummary) => (x.failed.cancelled = 1), '1 failed'],
  ])('a single %s record names only its own reason', (_, change, part) => {
    // Act
    const { message } = new FullBatchFailureError(summary(1, change), []);

    // Assess
    expect(message).toBe(`All 1 records of the batch were reported for redelivery (${part}).`);
  });

  it('says none processed when no count explains the batch', () => {
    // Act
    const { message } = new FullBatchFailureError(emptySummary(0, false), []);

    // Assess
    expect(message).toBe('All 0 records of the batch were reported for redelivery (none processed).');
  });

  it("writes its own message on the first line of the stack, not Powertools'", () => {
    // Act
    const error = new FullBatchFailureError(
      summary(1, (x) => (x.failed.permanent = 1)),
      [],
    );

    // Assess
    expect(error.stack?.split('\n')[0]).toBe(
      'FullBatchFailureError: All 1 records of the batch were reported for redelivery (1 failed).',
    );
  });
});

describe('FullBatchFailureError fields', () => {
  it('is a Powertools FullBatchFailureError carrying the summary and the name users see', () => {
    // Arrange
    const s = summary(1, (x) => (x.failed.transient = 1));

    // Act
    const error = new FullBatchFailureError(s, []);

    // Assess
    expect(error).toBeInstanceOf(PowertoolsFullBatchFailureError);
    expect(error.name).toBe('FullBatchFailureError');
    expect(FullBatchFailureError.name).toBe('FullBatchFailureError');
    expect(error.summary).toBe(s);
  });

  it('keeps only the name and a redacted message of each record error', () => {
    // Arrange
    const cause = Object.assign(new RangeError('GET https://api.test/x?token=s3cr3t failed'), {
      response: { headers: { authorization: 'Bearer s3cr3t' } },
    });

    // Act
    const error = new FullBatchFailureError(
      summary(2, (x) => (x.failed.transient = 2)),
      [cause, 'plain'],
    );

    // Assess
    expect(error.recordErrors).toHaveLength(2);
    const [first, second] = error.recordErrors as Error[];
    expect(first).toBeInstanceOf(Error);
    expect(first?.name).toBe('RangeError');
    expect(first?.message).not.toContain('s3cr3t');
    expect(first?.message).toContain('https://api.test/x');
    expect(Object.keys(first as object)).not.toContain('response');
    expect(JSON.stringify(error.recordErrors)).not.toContain('s3cr3t');
    expect(second).toBeInstanceOf(Error);
  });
});

describe('isFullBatchFailure', () => {
  it('recognises the error and any object carrying its brand (another copy of the package)', () => {
    expect(isFullBatchFailure(new FullBatchFailureError(emptySummary(0, false), []))).toBe(true);
    expect(isFullBatchFailure({ isBulwarkFullBatchFailure: true })).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a plain error', new Error('x')],
    ["Powertools' own error", new PowertoolsFullBatchFailureError([])],
    ['a truthy brand that is not true', { isBulwarkFullBatchFailure: 'yes' }],
    ['a function carrying the brand', Object.assign(() => undefined, { isBulwarkFullBatchFailure: true })],
    [
      'a proxy whose read throws',
      new Proxy(
        {},
        {
          get() {
            throw new Error('hostile');
          },
        },
      ),
    ],
  ])('is false for %s', (_, value) => {
    expect(isFullBatchFailure(value)).toBe(false);
  });
});
