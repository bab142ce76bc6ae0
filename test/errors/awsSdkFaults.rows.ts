// Rows made by the real @aws-sdk/client-ssm against msw handlers that answer its real, signed requests
// the way SSM does: `x-amz-target` picks the operation, errors are `application/x-amz-json-1.1` bodies.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { HttpResponse, http } from 'msw';
import { type FaultRow, permanent, transient } from './FaultRow.js';

export const SSM_ENDPOINT = 'https://ssm.eu-west-1.amazonaws.com/';

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly headers?: Record<string, string>;
}

/** The answer the next GetParameter gets; set by each row before it calls. */
export const nextAnswer: { current: Answer } = { current: { status: 500, type: 'InternalServerError' } };

/** The msw handler: answers GetParameter with `nextAnswer.current` as SSM's JSON error body. */
export const ssmHandler = http.post(SSM_ENDPOINT, ({ request }) => {
  const target = request.headers.get('x-amz-target');
  if (target !== 'AmazonSSM.GetParameter') {
    return HttpResponse.json({ __type: 'UnknownOperationException' }, { status: 400 });
  }
  const { status, type, headers = {} } = nextAnswer.current;
  return new HttpResponse(JSON.stringify({ __type: type, message: `secret upstream detail for ${type}` }), {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1', ...headers },
  });
});

function ssm(): SSMClient {
  // maxAttempts 1: the row is about what one failure is, not about the SDK's own retries.
  return new SSMClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' },
    maxAttempts: 1,
  });
}

/** A `make` for a row: GetParameter answered with `answer` by the msw handler. */
export const answered = (answer: Answer) => async () => {
  nextAnswer.current = answer;
  return ssm().send(new GetParameterCommand({ Name: '/bulwark/test' }));
};

export function awsSdkRows(): FaultRow[] {
  return [
    {
      name: 'SSM ThrottlingException (400)',
      real: true,
      make: answered({ status: 400, type: 'ThrottlingException' }),
      expected: transient('throttled', { status: 400, code: 'ThrottlingException' }),
    },
    {
      name: 'SSM ThrottlingException with Retry-After: 2',
      real: true,
      make: answered({ status: 400, type: 'ThrottlingException', headers: { 'retry-after': '2' } }),
      expected: transient('throttled', { status: 400, code: 'ThrottlingException', retryAfterMs: 2_000 }),
    },
    {
      name: 'SSM ThrottlingException with x-amz-retry-after: 1500 (ms)',
      real: true,
      make: answered({ status: 400, type: 'ThrottlingException', headers: { 'x-amz-retry-after': '1500' } }),
      expected: transient('throttled', { status: 400, code: 'ThrottlingException', retryAfterMs: 1_500 }),
    },
    {
      name: 'SSM InternalServerError (500)',
      real: true,
      make: answered({ status: 500, type: 'InternalServerError' }),
      expected: transient('server-error', { status: 500, code: 'InternalServerError' }),
    },
    {
      name: 'SSM ServiceUnavailable (503)',
      real: true,
      make: answered({ status: 503, type: 'ServiceUnavailable' }),
      expected: transient('server-error', { status: 503, code: 'ServiceUnavailable' }),
    },
    {
      name: 'SSM ValidationException (400)',
      real: true,
      make: answered({ status: 400, type: 'ValidationException' }),
      expected: permanent('bad-request', 500, {
        status: 400,
        code: 'ValidationException',
        countsTowardBreaker: false,
      }),
    },
    {
      name: 'SSM ParameterNotFound (400)',
      real: true,
      make: answered({ status: 400, type: 'ParameterNotFound' }),
      expected: permanent('not-found', 404, { status: 400, code: 'ParameterNotFound' }),
    },
    {
      name: 'SSM AccessDeniedException (400): our credentials',
      real: true,
      make: answered({ status: 400, type: 'AccessDeniedException' }),
      expected: permanent('credentials', 500, { status: 400, code: 'AccessDeniedException' }),
    },
    {
      name: 'SSM UnrecognizedClientException (403): our credentials, never a 403 to our caller',
      real: true,
      make: answered({ status: 403, type: 'UnrecognizedClientException' }),
      expected: permanent('credentials', 500, { status: 403, code: 'UnrecognizedClientException' }),
    },
  ];
}
