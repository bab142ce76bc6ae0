// AbortSignal outcomes. `AbortSignal.timeout()` rejects with a DOMException named TimeoutError (so do
// smithy, ky and got, by name): a timeout, worth another attempt. An AbortError is the caller giving
// up: not retried, not held against the dependency. It is weak, so a TimeoutError `cause` (Node's own
// AbortError carries the signal's reason there) wins over it.

import { readString } from '../safeRead.js';
import type { Recogniser } from '../Verdict.js';

const CANCEL_NAMES = new Set(['AbortError', 'CanceledError', 'CancelError']);
const CANCEL_CODES = new Set(['ABORT_ERR', 'ERR_CANCELED', 'UND_ERR_ABORTED', 'ERR_ABORTED']);

/** `TimeoutError` by name -> transient timeout; `AbortError` and friends -> cancelled (weak). */
export const recogniseAbort: Recogniser = (node) => {
  const name = readString(node, 'name');
  if (name === 'TimeoutError') {
    return { kind: 'transient', reason: 'timeout', code: 'TimeoutError', message: 'the attempt timed out' };
  }
  const code = readString(node, 'code');
  if ((name !== undefined && CANCEL_NAMES.has(name)) || (code !== undefined && CANCEL_CODES.has(code))) {
    return {
      kind: 'cancelled',
      reason: 'cancelled',
      code: code ?? name,
      message: 'the caller cancelled the operation',
      weak: true,
    };
  }
  return undefined;
};
