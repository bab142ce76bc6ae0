// Item 2: `onPermanentFailure: 'acknowledge'` (and a hook) only ever deletes a record whose failure is about
// the message itself. A failure of our own credentials, permissions, configuration or infrastructure is
// reported for redelivery whatever the policy. One row per line of the decision table in docs/lambda.md.

import { PermanentError, TransientError } from '@bulwark/errors';
import { InvalidRecordError, type PermanentFailureHook, sqsHandler } from '@bulwark/lambda';
import { lambdaContext, sqsEvent, sqsRecord } from '@bulwark/testing';
import { describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../../../packages/lambda/src/__support__/CapturingLogger.js';

const named = (name: string, message: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name }, extra);
const upstream = (status: number): Error =>
  named('HTTPError', `Request failed with status code ${status}`, {
    response: new Response(null, { status }),
  });
const aws = (name: string, status: number): Error =>
  named(name, `${name} from the service`, { $fault: 'client', $metadata: { httpStatusCode: status } });

type Row = readonly [label: string, body: string, thrown: unknown, decision: 'acknowledge' | 'report'];

// The decision table (docs/lambda.md "Which permanent failures acknowledge may delete").
const TABLE: readonly Row[] = [
  ['a body that is not JSON', '{not json', undefined, 'acknowledge'],
  ['a body the schema refuses', '{"qty":0}', undefined, 'acknowledge'],
  [
    'a record the handler declares poison (InvalidRecordError)',
    '{}',
    new InvalidRecordError('poison', []),
    'acknowledge',
  ],
  [
    'a PermanentError the handler throws (bad request)',
    '{}',
    new PermanentError('order has no id'),
    'acknowledge',
  ],
  ['an upstream 400 caused by the content', '{}', upstream(400), 'acknowledge'],
  ['an upstream 422 caused by the content', '{}', upstream(422), 'acknowledge'],
  [
    'CredentialsProviderError (no credentials)',
    '{}',
    named('CredentialsProviderError', 'Could not load credentials from any providers'),
    'report',
  ],
  ['AccessDeniedException (permissions)', '{}', aws('AccessDeniedException', 400), 'report'],
  ['ExpiredTokenException (credentials)', '{}', aws('ExpiredTokenException', 400), 'report'],
  ['an upstream 401', '{}', upstream(401), 'report'],
  ['an upstream 403', '{}', upstream(403), 'report'],
  [
    'CERT_HAS_EXPIRED (TLS)',
    '{}',
    named('Error', 'certificate has expired', { code: 'CERT_HAS_EXPIRED' }),
    'report',
  ],
  ['ResourceNotFoundException (configuration)', '{}', aws('ResourceNotFoundException', 400), 'report'],
  ['an upstream 404', '{}', upstream(404), 'report'],
  ['an upstream 409', '{}', upstream(409), 'report'],
  [
    'a bug in our code (TypeError)',
    '{}',
    new TypeError("Cannot read properties of undefined (reading 'id')"),
    'report',
  ],
  ['a thrown non-Error', '{}', 'boom', 'report'],
  ['a timeout (infrastructure)', '{}', new TransientError('slow', { reason: 'timeout' }), 'report'],
];

const schema = {
  '~standard': {
    version: 1 as const,
    vendor: 'test',
    validate: (value: unknown) =>
      (value as { qty?: number }).qty === 0
        ? { issues: [{ message: 'qty must be >= 1', path: ['qty'] }] }
        : { value },
  },
};

async function run(body: string, thrown: unknown, policy: 'acknowledge' | PermanentFailureHook) {
  const handler = sqsHandler(
    (record) => {
      if (record.messageId === 'subject' && thrown !== undefined) throw thrown;
    },
    { onPermanentFailure: policy, schema, logger: new CapturingLogger(), throwOnFullBatchFailure: false },
  );
  const event = sqsEvent([
    sqsRecord({ messageId: 'subject', body }),
    sqsRecord({ messageId: 'ok', body: {} }),
  ]);
  const response = await handler(event, lambdaContext());
  return response.batchItemFailures.map((f) => f.itemIdentifier);
}

describe('onPermanentFailure acknowledges only failures about the message (item 2)', () => {
  it.each(TABLE)("'acknowledge' with %s: %s", async (_label, body, thrown, decision) => {
    // Act
    const reported = await run(body, thrown, 'acknowledge');
    // Assess
    expect(reported).toEqual(decision === 'report' ? ['subject'] : []);
  });

  it.each(TABLE)(
    'a hook with %s: %s (the hook runs only when it may acknowledge)',
    async (_label, body, thrown, decision) => {
      // Prepare
      const hook = vi.fn();
      // Act
      const reported = await run(body, thrown, hook);
      // Assess
      expect(reported).toEqual(decision === 'report' ? ['subject'] : []);
      expect(hook).toHaveBeenCalledTimes(decision === 'report' ? 0 : 1);
    },
  );
});
