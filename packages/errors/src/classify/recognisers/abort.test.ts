import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseAbort } from './abort.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

describe('recogniseAbort', () => {
  it.each([
    ["AbortSignal.timeout's DOMException", new DOMException('The operation timed out.', 'TimeoutError')],
    ["smithy's TimeoutError", Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('%s is a transient timeout', (_label, error) => {
    // Act + Assess
    expect(recogniseAbort(error, context)).toMatchObject({ kind: 'transient', reason: 'timeout' });
  });

  it.each([
    ['a DOMException AbortError', new DOMException('This operation was aborted', 'AbortError')],
    [
      "Node's AbortError (code ABORT_ERR)",
      Object.assign(new Error('The operation was aborted'), { code: 'ABORT_ERR' }),
    ],
    [
      "axios's CanceledError",
      Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' }),
    ],
    [
      "undici's RequestAbortedError",
      Object.assign(new Error('Request aborted'), { code: 'UND_ERR_ABORTED' }),
    ],
  ])('%s is a weak cancellation', (_label, error) => {
    // Act + Assess
    expect(recogniseAbort(error, context)).toMatchObject({
      kind: 'cancelled',
      reason: 'cancelled',
      weak: true,
    });
  });

  it('leaves other errors alone', () => {
    // Act + Assess
    expect(recogniseAbort(new Error('x'), context)).toBeUndefined();
  });
});

describe('recogniseAbort: each name and code, with the exact verdict', () => {
  it('a TimeoutError is the attempt timing out', () => {
    // Act + Assess
    expect(recogniseAbort(new DOMException('The operation timed out.', 'TimeoutError'), context)).toEqual({
      kind: 'transient',
      reason: 'timeout',
      code: 'TimeoutError',
      message: 'the attempt timed out',
    });
  });

  it.each(['AbortError', 'CanceledError', 'CancelError'])(
    'name %s (no code) is a cancellation coded by its name',
    (name) => {
      // Act + Assess
      expect(recogniseAbort(Object.assign(new Error('stop'), { name }), context)).toEqual({
        kind: 'cancelled',
        reason: 'cancelled',
        code: name,
        message: 'the caller cancelled the operation',
        weak: true,
      });
    },
  );

  it.each(['ABORT_ERR', 'ERR_CANCELED', 'UND_ERR_ABORTED', 'ERR_ABORTED'])(
    'code %s on a plain Error is a cancellation',
    (code) => {
      // Act + Assess
      expect(recogniseAbort(Object.assign(new Error('stop'), { code }), context)).toEqual({
        kind: 'cancelled',
        reason: 'cancelled',
        code,
        message: 'the caller cancelled the operation',
        weak: true,
      });
    },
  );

  it('a name nothing knows with a code nothing knows is left alone', () => {
    // Act + Assess
    expect(recogniseAbort({ name: 'Weird', code: 'EWEIRD' }, context)).toBeUndefined();
    expect(recogniseAbort({}, context)).toBeUndefined();
  });
});
