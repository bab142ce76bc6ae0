// A refusal that depends on the queues, not on SQS failing (no source queue, several sources without --to, a
// task already running): the command prints the message and exits with its code.
import { CommandRefused } from '../aws/CommandRefused.js';

export class DlqRefused extends CommandRefused {
  override name = 'DlqRefused' as const;
}
