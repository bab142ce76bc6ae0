import { withDeadline, wrapDependency } from '@bulwark/policies';
import type { Context, SQSEvent } from 'aws-lambda';

const inventory = wrapDependency('inventory', { timeout: { attemptMs: 1_000, totalMs: 10_000 } });

export const handler = async (event: SQSEvent, context: Context): Promise<void> =>
  // Every call below is bounded by the invocation's remaining time, so no retry starts that the
  // Lambda timeout would cut short.
  withDeadline(context, async () => {
    for (const record of event.Records) {
      await inventory.fetch('https://inventory.internal/reserve', { method: 'POST', body: record.body });
    }
  });
