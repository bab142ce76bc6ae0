import { withDeadline, wrapDependency } from '@bulwark/policies';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';

const inventory = wrapDependency('inventory', { timeout: { attemptMs: 1_000, totalMs: 10_000 } });

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  // Every call below is bounded by the invocation's remaining time, so no retry starts that the
  // Lambda timeout would cut short. A record that fails is reported alone; the others are done.
  withDeadline(context, async () => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try {
        await inventory.fetch('https://inventory.internal/reserve', { method: 'POST', body: record.body });
      } catch {
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
