// A FIFO queue (detected from the `.fifo` ARN): records run in order; after a failure, only the later records
// of the same message group are held back, the other groups go on.
import { sqsHandler } from '@bulwark/lambda';

export const handler = sqsHandler<{ accountId: string; entry: number }>(
  async (_record, { body }) => ledger.append(body.accountId, body.entry),
  { skipGroupOnError: true },
);

declare const ledger: { append(accountId: string, entry: number): Promise<void> };
