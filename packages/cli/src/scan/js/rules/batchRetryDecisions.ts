// A batch handler that throws on failure retries the whole batch: its records that succeeded run again.
// That is the rule's harm only when running them again does harm; a handler whose own comment states
// both that the whole batch is retried on purpose and that the repeated work is harmless (`retry entire
// batch on failure (any successful upserts will just no-op next time)`, `idempotent`) has decided it, as a
// commented catch decides a swallowed error.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A comment saying the whole batch is retried (or redelivered, replayed) on purpose. */
const WHOLE_BATCH_RETRY =
  /\b(retr(y|ies|ied)|redeliver\w*|replay\w*|reprocess\w*)\b[^.;]*\b(entire|whole|full)\s+batch\b|\b(entire|whole|full)\s+batch\b[^.;]*\b(retr(y|ies|ied)|redeliver\w*|replay\w*|reprocess\w*)\b/i;

/** The same comment saying running the records again is harmless. */
const HARMLESS = /\bno-?ops?\b|\bidempotent\b|\bsafe to (retry|repeat|replay|reprocess)\b|\bharmless\b/i;

/**
 * True when a comment inside the handler states that the whole batch is retried on purpose and that the
 * repeated work is harmless.
 * @example
 * wholeBatchRetryDecided(ctx, fn) // `// retry entire batch on failure (successful upserts just no-op next time)` -> true
 */
export function wholeBatchRetryDecided(ctx: ModuleContext, fn: Node): boolean {
  return ctx.comments.some(
    (c) =>
      c.start >= fn.start && c.end <= fn.end && WHOLE_BATCH_RETRY.test(c.value) && HARMLESS.test(c.value),
  );
}
