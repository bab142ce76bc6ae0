// Why a record was reported without its handler being called. Internal: it only travels to the errors a
// FullBatchFailureError lists (by name and message); the summary counts it by cause.

export class RecordSkippedError extends Error {
  override name = 'RecordSkippedError' as const;

  constructor(detail: string) {
    super(`Record not started: ${detail}`);
  }
}
