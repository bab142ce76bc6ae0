// The context recogniser unit tests run with: a fixed clock and the default clamp.
import type { RecogniserContext } from '../Verdict.js';

export const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
export const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };
