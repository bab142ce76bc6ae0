import { describe, expect, it } from 'vitest';
import { queueAdapted } from './queueAdapterHandler.js';

const HELIX = [
  "import wrap from '@adobe/helix-shared-wrap';",
  "import { sqsEventAdapter, sqsWrapper } from '@adobe/spacecat-shared-utils';",
  'const run = wrap(processTask).with(sqsWrapper).with(sqsEventAdapter);',
  'export const main = async (event, context) => run(event, context);',
].join('\n');

describe('queueAdapted', () => {
  it('sees an entry built through the helix SQS event adapter', () => {
    expect(queueAdapted(HELIX, 1)).toBe(true);
    expect(queueAdapted("const { sqsEventAdapter } = require('@adobe/spacecat-shared-utils');", 1)).toBe(
      true,
    );
  });
  it('sees a router that tests its event for an SQS record', () => {
    const router = 'const isSqs = (e) => Array.isArray(e.Records) && e.Records[0]?.messageId;';
    expect(queueAdapted(router, 1)).toBe(true);
    expect(queueAdapted("if (event.Records?.[0].eventSource === 'aws:sqs') return drain(event);", 1)).toBe(
      true,
    );
  });
  it('gives nothing when the module also serves an HTTP event', () => {
    expect(queueAdapted(`${HELIX}\nif (event.requestContext) return api(event);`, 1)).toBe(false);
    expect(queueAdapted(`${HELIX}\nconst h = async (e: APIGatewayProxyEvent) => ok();`, 1)).toBe(false);
  });
  it('gives nothing for a module of several handlers, or with neither sign', () => {
    expect(queueAdapted(HELIX, 2)).toBe(false);
    expect(queueAdapted('export const main = wrap(run).with(helixStatus);', 1)).toBe(false);
    // A send's answer (`MessageId`) or the word alone in a log line is no test of the event.
    expect(queueAdapted("const { MessageId } = await sqs.send(cmd); log('messageId', MessageId);", 1)).toBe(
      false,
    );
    expect(queueAdapted(undefined, 1)).toBe(false);
  });
});
