// Type-level only: as otherCopyPolicies.ts, for @bulwark/lambda's `logger` options.
import { httpHandler, sqsHandler } from '@bulwark/lambda';
import { Logger } from 'powertools-logger-other-copy';

const logger = new Logger({ serviceName: 'other-copy' });

export const uses = [
  sqsHandler(async () => undefined, { logger }),
  httpHandler(async () => ({ statusCode: 204 }), { logger }),
];
