// Every record skipped because the ledger's breaker is open: sqsHandler throws FullBatchFailureError, the
// whole batch comes back later, and the SQS poller backs off. The wrapper only adds a clearer log line.
import { Logger } from '@aws-lambda-powertools/logger';
import { isFullBatchFailure, sqsHandler } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';
import type { Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'ledger-consumer' });
const ledger = wrapDependency('ledger', { breaker: { threshold: 5 } });
const consume = sqsHandler(async () => ledger.execute(() => post()), { skipWhenBreakerOpen: [ledger] });

export const handler = async (event: unknown, context: Context) => {
  try {
    return await consume(event, context);
  } catch (error) {
    if (isFullBatchFailure(error) && error.summary.skipped.breakerOpen === error.summary.records) {
      logger.warn('every record skipped: the whole batch waits for redelivery', { ledger: ledger.state });
    }
    throw error;
  }
};

declare function post(): Promise<void>;
