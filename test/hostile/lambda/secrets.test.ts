// Item 1: a secret planted wherever real clients put one never reaches a log line, a problem body, a metric,
// an SSM document or an error message, through sqsHandler, httpHandler and the probe, with a real Powertools
// Logger writing to a captured stream. Property-based over the thrown shapes.

import { SSMClient } from '@aws-sdk/client-ssm';
import { breakerProbeHandler, httpHandler, sqsHandler } from '@bulwark/lambda';
import {
  apiGatewayV2Event,
  LOCAL_CREDENTIALS,
  lambdaContext,
  sqsEvent,
  sqsRecord,
  ssmEmulator,
  useMswServer,
} from '@bulwark/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamLogger } from './support/StreamLogger.js';
import { build, secretArb, thrownArb } from './support/thrownShapes.js';

const ssm = ssmEmulator();
useMswServer(...ssm.handlers);

const metricsSink = () => {
  const calls: unknown[] = [];
  return { calls, addMetric: (...args: unknown[]) => void calls.push(args), publishStoredMetrics() {} };
};

describe('planted secrets (item 1)', () => {
  it('sqsHandler: no secret in the failure line, the summary, the metrics or the thrown error', async () => {
    await fc.assert(
      fc.asyncProperty(
        thrownArb,
        fc.constantFrom('report', 'acknowledge') as fc.Arbitrary<'report' | 'acknowledge'>,
        async (input, policy) => {
          // Prepare
          const logger = new StreamLogger();
          const metrics = metricsSink();
          const thrown = build(input);
          const handler = sqsHandler(
            (record) => {
              if (record.messageId === 'bad') throw thrown;
            },
            { logger, metrics, onPermanentFailure: policy },
          );
          // Act
          let message = '';
          try {
            await handler(sqsEvent([sqsRecord({ messageId: 'bad', body: {} })]), lambdaContext());
          } catch (error) {
            message = `${(error as Error).message}\n${(error as Error).stack}`;
          }
          // Assess
          expect(logger.text).toContain('record failed');
          expect(logger.text).not.toContain(input.secret);
          expect(JSON.stringify(metrics.calls)).not.toContain(input.secret);
          expect(message).not.toContain(input.secret);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sqsHandler: a body that is not JSON is not quoted in the failure line', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, async (secret) => {
        // Prepare
        const logger = new StreamLogger();
        const handler = sqsHandler(() => undefined, { logger, throwOnFullBatchFailure: false });
        // Act
        await handler(
          sqsEvent([sqsRecord({ messageId: 'bad', body: `not json ${secret}` })]),
          lambdaContext(),
        );
        // Assess
        expect(logger.text).toContain('the body is not valid JSON');
        expect(logger.text).not.toContain(secret);
      }),
      { numRuns: 20 },
    );
  });

  it('httpHandler: no secret in the log line, the problem body or the headers', async () => {
    await fc.assert(
      fc.asyncProperty(thrownArb, async (input) => {
        // Prepare
        const logger = new StreamLogger();
        const thrown = build(input);
        const handler = httpHandler(
          () => {
            throw thrown;
          },
          { logger },
        );
        // Act
        const response = await handler(apiGatewayV2Event({ path: '/orders' }), lambdaContext());
        // Assess
        expect(response.headers?.['content-type']).toBe('application/problem+json');
        expect(logger.text).toContain('request failed');
        expect(logger.text).not.toContain(input.secret);
        expect(JSON.stringify(response)).not.toContain(input.secret);
      }),
      { numRuns: 60 },
    );
  });

  it('breakerProbeHandler: no secret in its log lines, its result or the SSM document it writes', async () => {
    await fc.assert(
      fc.asyncProperty(thrownArb, async (input) => {
        // Prepare
        ssm.reset();
        const logger = new StreamLogger();
        const thrown = build(input);
        const probe = breakerProbeHandler({
          dependencies: [{ name: 'edna', check: async () => Promise.reject(thrown) }],
          failureThreshold: 1,
          checksPerInvocation: 1,
          checkIntervalMs: 0,
          timeoutMs: 500,
          client: new SSMClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }),
          logger,
        });
        // Act
        const result = await probe(undefined, lambdaContext());
        // Assess
        expect(result.dependencies[0]?.wrote).toBe('open');
        expect(logger.text).toContain('Breaker probe wrote open');
        expect(logger.text).not.toContain(input.secret);
        expect(JSON.stringify(result)).not.toContain(input.secret);
        expect(ssm.value('/bulwark/breakers/edna')).not.toContain(input.secret);
      }),
      { numRuns: 40 },
    );
  });
});
