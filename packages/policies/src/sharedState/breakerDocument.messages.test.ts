// The refusals an operator reads (in `bulwark breaker list`, in the state's warning log) when a document is
// refused: each problem kind with its whole message.
import { describe, expect, it } from 'vitest';
import {
  MAX_BREAKER_DOCUMENT_LENGTH,
  parseBreakerDocument,
  validateBreakerDocument,
} from './breakerDocument.js';

const valid = {
  version: 1,
  dependency: 'edna',
  state: 'open',
  since: '2026-11-23T10:00:00.000Z',
  writtenBy: { kind: 'probe', id: 'edna-probe' },
  updatedAt: '2026-11-23T10:00:00.000Z',
};

describe('breaker document refusals', () => {
  it('refuses what is not text', () => {
    expect(parseBreakerDocument(42 as never)).toEqual({
      ok: false,
      problem: 'unparseable',
      message: 'expected text, got 42',
    });
  });

  it('refuses text longer than a document may be, by its length', () => {
    const text = ' '.repeat(MAX_BREAKER_DOCUMENT_LENGTH + 1);
    expect(parseBreakerDocument(text)).toEqual({
      ok: false,
      problem: 'unparseable',
      message: '8193 characters, more than the 8192 a document may hold',
    });
  });

  it('refuses a value that throws while it is read, naming what was thrown', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new RangeError('trap');
        },
      },
    );
    expect(validateBreakerDocument(trap)).toEqual({
      ok: false,
      problem: 'invalid',
      message: 'could not be read ("RangeError")',
    });
  });

  it('refuses a value that throws a non-Error while it is read', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw 'nope';
        },
      },
    );
    expect(validateBreakerDocument(trap)).toEqual({
      ok: false,
      problem: 'invalid',
      message: 'could not be read ("nope")',
    });
  });

  it('refuses the document of another dependency, naming both', () => {
    expect(validateBreakerDocument(valid, { dependency: 'billing' })).toEqual({
      ok: false,
      problem: 'invalid',
      message: '"dependency" is "edna", expected "billing" (a document for another dependency)',
    });
  });

  it('refuses a state the fleet does not share, listing the ones it does', () => {
    expect(validateBreakerDocument({ ...valid, state: 'isolated' })).toEqual({
      ok: false,
      problem: 'invalid',
      message: '"state" must be one of open, closed, forced-open, forced-closed, got "isolated"',
    });
  });
});
