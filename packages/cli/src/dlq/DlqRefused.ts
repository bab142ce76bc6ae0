// A refusal that depends on the queues, not on SQS failing (no source queue, several sources without --to, a
// task already running): the command prints the message and exits with its code.

export class DlqRefused extends Error {
  override name = 'DlqRefused' as const;
  readonly code: 1 | 2;
  constructor(message: string, code: 1 | 2) {
    super(message);
    this.code = code;
  }
}
