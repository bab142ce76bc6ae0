// Why a record was reported without its handler being called. Internal: it only travels to Powertools,
// which reports the record; the summary counts it.

export type SkipReason = 'deadline' | 'breaker-open' | 'fifo';

export class RecordSkippedError extends Error {
  override name = 'RecordSkippedError' as const;
  readonly skipReason: SkipReason;

  constructor(skipReason: SkipReason, detail: string) {
    super(`Record not started: ${detail}`);
    this.skipReason = skipReason;
  }
}
