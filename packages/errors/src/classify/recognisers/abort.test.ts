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
