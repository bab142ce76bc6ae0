// Conformance: the same scenarios the SSM API reference documents, played through the real
// @aws-sdk/client-ssm and Powertools parameters against the emulator. Error names are the SDK's
// exception classes (ParameterNotFound, ParameterAlreadyExists, ...), so a typo in the emulator's
// `__type` fails here rather than in a user's test.
// The rules held here, from the SSM API reference (as quoted in the SDK's model docs):
// - PutParameter `Overwrite`: "Overwrite an existing parameter. The default value is false."
//   An existing name without it: ParameterAlreadyExists ("You can't create duplicate parameters").
// - PutParameter `Version`: "If you edit a parameter value, Parameter Store automatically creates a
//   new version"; `Type`: "isn't required when updating a parameter. You must specify a parameter
//   type when creating a parameter."
// - HierarchyTypeMismatchException: "you can't change a parameter from a String type to a
//   SecureString type. You must create a new, unique parameter."
// - GetParametersByPath: the path is "the parameter name except the last part"; `Recursive`
//   retrieves all levels; `MaxResults` is at most 10 and `NextToken` fetches the next set.
// - GetParameters: names it cannot find come back in `InvalidParameters`; at most 10 names.
import { getParameter, SSMProvider, setParameter } from '@aws-lambda-powertools/parameters/ssm';
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  paginateGetParametersByPath,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentials, rejection, sdkClient } from '../__support__/sdkConformance.js';
import { takeScriptErrors } from '../msw/scriptErrors.js';
import { useMswServer } from '../msw/useMswServer.js';
import { SSM_OPERATIONS, ssmEmulator } from './ssmEmulator.js';

const ssm = ssmEmulator({ region: 'us-east-1' });
const server = useMswServer(...ssm.handlers);
const client = sdkClient(SSMClient);

beforeEach(() => {
  ssm.reset();
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('PutParameter and GetParameter', () => {
  it('creates version 1, then each overwrite adds a version', async () => {
    // Act
    const created = await client.send(
      new PutParameterCommand({ Name: '/app/flag', Value: 'off', Type: 'String' }),
    );
    const overwritten = await client.send(
      new PutParameterCommand({ Name: '/app/flag', Value: 'on', Overwrite: true }),
    );
    const read = await client.send(new GetParameterCommand({ Name: '/app/flag' }));

    // Assess
    expect(created.Version).toBe(1);
    expect(created.Tier).toBe('Standard');
    expect(overwritten.Version).toBe(2);
    expect(read.Parameter).toMatchObject({
      Name: '/app/flag',
      Value: 'on',
      Type: 'String',
      Version: 2,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/flag',
      DataType: 'text',
    });
    expect(read.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('refuses to overwrite without Overwrite: ParameterAlreadyExists, value unchanged', async () => {
    // Prepare
    ssm.put('/app/flag', 'off');

    // Act
    const error = await rejection(
      client.send(new PutParameterCommand({ Name: '/app/flag', Value: 'on', Type: 'String' })),
    );
    const explicitFalse = await rejection(
      client.send(new PutParameterCommand({ Name: '/app/flag', Value: 'on', Overwrite: false })),
    );

    // Assess
    expect(error).toBeInstanceOf(ParameterAlreadyExists);
    expect(error.name).toBe('ParameterAlreadyExists');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(explicitFalse.name).toBe('ParameterAlreadyExists');
    expect(ssm.parameter('/app/flag')).toMatchObject({ value: 'off', version: 1 });
  });

  it('needs a Type to create a parameter, not to update one', async () => {
    // Act
    const error = await rejection(client.send(new PutParameterCommand({ Name: '/app/new', Value: 'x' })));
    ssm.put('/app/list', 'a,b', { type: 'StringList' });
    await client.send(new PutParameterCommand({ Name: '/app/list', Value: 'a,b,c', Overwrite: true }));

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(ssm.parameter('/app/list')).toMatchObject({ type: 'StringList', version: 2 });
  });

  it('reads an older version through a name:version selector', async () => {
    // Prepare
    ssm.put('/app/flag', 'v1');
    ssm.put('/app/flag', 'v2');

    // Act
    const old = await client.send(new GetParameterCommand({ Name: '/app/flag:1' }));
    const missing = await rejection(client.send(new GetParameterCommand({ Name: '/app/flag:9' })));

    // Assess
    expect(old.Parameter).toMatchObject({ Value: 'v1', Version: 1, Selector: ':1' });
    expect(missing.name).toBe('ParameterVersionNotFound');
  });

  it('answers ParameterNotFound for a missing name', async () => {
    // Act
    const error = await rejection(client.send(new GetParameterCommand({ Name: '/nope' })));

    // Assess
    expect(error).toBeInstanceOf(ParameterNotFound);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('/nope');
  });

  it('returns ciphertext for a SecureString unless WithDecryption', async () => {
    // Prepare
    ssm.put('/app/secret', 's3cret', { type: 'SecureString' });

    // Act
    const encrypted = await client.send(new GetParameterCommand({ Name: '/app/secret' }));
    const decrypted = await client.send(
      new GetParameterCommand({ Name: '/app/secret', WithDecryption: true }),
    );

    // Assess
    expect(encrypted.Parameter?.Value).not.toBe('s3cret');
    expect(decrypted.Parameter?.Value).toBe('s3cret');
  });

  it('refuses to turn a String into a SecureString in place', async () => {
    // Prepare
    ssm.put('/app/flag', 'x');

    // Act
    const error = await rejection(
      client.send(
        new PutParameterCommand({ Name: '/app/flag', Value: 'y', Type: 'SecureString', Overwrite: true }),
      ),
    );

    // Assess
    expect(error.name).toBe('HierarchyTypeMismatchException');
  });

  it.each([
    { input: { Name: '/app/x', Value: '', Type: 'String' as const }, name: 'ValidationException' },
    { input: { Name: 'app/x', Value: 'v', Type: 'String' as const }, name: 'ValidationException' },
    {
      input: { Name: '/app/x', Value: 'v'.repeat(4097), Type: 'String' as const },
      name: 'ValidationException',
    },
  ])('rejects invalid input with $name', async ({ input, name }) => {
    const error = await rejection(client.send(new PutParameterCommand(input)));
    expect(error.name).toBe(name);
  });
});

describe('GetParameters', () => {
  it('returns the found ones and lists the rest in InvalidParameters', async () => {
    // Prepare
    ssm.put('/a', '1');
    ssm.put('/b', '2');

    // Act
    const out = await client.send(new GetParametersCommand({ Names: ['/a', '/missing', '/b'] }));

    // Assess
    expect(out.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      ['/a', '1'],
      ['/b', '2'],
    ]);
    expect(out.InvalidParameters).toEqual(['/missing']);
  });

  it('refuses more than 10 names', async () => {
    const names = Array.from({ length: 11 }, (_, index) => `/p${index}`);
    const error = await rejection(client.send(new GetParametersCommand({ Names: names })));
    expect(error.name).toBe('ValidationException');
  });
});

describe('GetParametersByPath', () => {
  beforeEach(() => {
    for (const name of ['/svc/a', '/svc/b', '/svc/deep/c', '/svc/deep/er/d', '/other/e', '/svc'])
      ssm.put(name, name);
  });

  it('returns direct children only unless Recursive', async () => {
    // Act
    const flat = await client.send(new GetParametersByPathCommand({ Path: '/svc' }));
    const deep = await client.send(new GetParametersByPathCommand({ Path: '/svc/', Recursive: true }));

    // Assess
    expect(flat.Parameters?.map((p) => p.Name)).toEqual(['/svc/a', '/svc/b']);
    expect(deep.Parameters?.map((p) => p.Name)).toEqual([
      '/svc/a',
      '/svc/b',
      '/svc/deep/c',
      '/svc/deep/er/d',
    ]);
  });

  it('pages with MaxResults and NextToken, and the SDK paginator walks every page', async () => {
    // Act
    const first = await client.send(
      new GetParametersByPathCommand({ Path: '/svc', Recursive: true, MaxResults: 3 }),
    );
    const second = await client.send(
      new GetParametersByPathCommand({
        Path: '/svc',
        Recursive: true,
        MaxResults: 3,
        NextToken: first.NextToken,
      }),
    );
    const pages: string[][] = [];
    for await (const page of paginateGetParametersByPath(
      { client, pageSize: 1 },
      { Path: '/svc', Recursive: true },
    )) {
      pages.push((page.Parameters ?? []).map((p) => p.Name!));
    }

    // Assess
    expect(first.Parameters).toHaveLength(3);
    expect(first.NextToken).toBeTypeOf('string');
    expect(second.Parameters?.map((p) => p.Name)).toEqual(['/svc/deep/er/d']);
    expect(second.NextToken).toBeUndefined();
    expect(pages).toEqual([['/svc/a'], ['/svc/b'], ['/svc/deep/c'], ['/svc/deep/er/d']]);
  });

  it.each([
    { input: { Path: '/svc', MaxResults: 11 }, name: 'ValidationException' },
    { input: { Path: 'svc' }, name: 'ValidationException' },
    { input: { Path: '/svc', NextToken: 'garbage' }, name: 'InvalidNextToken' },
  ])('rejects $input with $name', async ({ input, name }) => {
    const error = await rejection(client.send(new GetParametersByPathCommand(input)));
    expect(error.name).toBe(name);
  });
});

describe('DeleteParameter', () => {
  it('deletes, then a second delete and a read answer ParameterNotFound', async () => {
    // Prepare
    ssm.put('/app/flag', 'x');

    // Act
    await client.send(new DeleteParameterCommand({ Name: '/app/flag' }));
    const again = await rejection(client.send(new DeleteParameterCommand({ Name: '/app/flag' })));
    const read = await rejection(client.send(new GetParameterCommand({ Name: '/app/flag' })));

    // Assess
    expect(again.name).toBe('ParameterNotFound');
    expect(read.name).toBe('ParameterNotFound');
    expect(ssm.value('/app/flag')).toBeUndefined();
  });
});

describe('fault knobs', () => {
  it('throttleNext answers ThrottlingException 400 for the next n calls only', async () => {
    // Prepare
    ssm.put('/p', 'v');
    ssm.throttleNext(2);

    // Act
    const outcomes = [];
    for (let index = 0; index < 3; index++) {
      outcomes.push(
        await client.send(new GetParameterCommand({ Name: '/p' })).then(
          () => 'ok',
          (error: unknown) => error,
        ),
      );
    }

    // Assess
    const [first, second, third] = outcomes as [
      Error & { $metadata: { httpStatusCode: number } },
      Error,
      string,
    ];
    expect(first.name).toBe('ThrottlingException');
    expect(first.$metadata.httpStatusCode).toBe(400);
    expect(second.name).toBe('ThrottlingException');
    expect(third).toBe('ok');
    expect(ssm.calls.GetParameter).toBe(3);
  });

  it('throttling is retried by the SDK itself when it may retry', async () => {
    // Prepare
    ssm.put('/p', 'v');
    ssm.throttleNext(1);
    const retrying = new SSMClient({
      region: 'us-east-1',
      credentials,
      retryStrategy: new ConfiguredRetryStrategy(2, 0),
    });

    // Act
    const out = await retrying.send(new GetParameterCommand({ Name: '/p' }));

    // Assess
    expect(out.$metadata.attempts).toBe(2);
  });

  it.each([
    { status: undefined, expected: 500 },
    { status: 503, expected: 503 },
  ])('failNext(1, $status) answers InternalServerError $expected', async ({ status, expected }) => {
    // Prepare
    ssm.put('/p', 'v');
    ssm.failNext(1, status);

    // Act
    const error = await rejection(client.send(new GetParameterCommand({ Name: '/p' })));
    const after = await client.send(new GetParameterCommand({ Name: '/p' }));

    // Assess
    expect(error.name).toBe('InternalServerError');
    expect(error.$metadata?.httpStatusCode).toBe(expected);
    expect(after.Parameter?.Value).toBe('v');
  });

  it('setLatency delays every answer by ms', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    ssm.put('/p', 'v');
    ssm.setLatency(2_000);
    let done = false;

    // Act
    const call = client.send(new GetParameterCommand({ Name: '/p' })).finally(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    const earlyDone = done;
    await vi.advanceTimersByTimeAsync(1);
    const out = await call;

    // Assess
    expect(earlyDone).toBe(false);
    expect(out.Parameter?.Value).toBe('v');
  });

  it('hangNext holds the call until the SDK aborts it, leaving nothing pending', async () => {
    // Prepare
    ssm.put('/p', 'v');
    ssm.hangNext(1);
    const controller = new AbortController();

    // Act
    const call = client.send(new GetParameterCommand({ Name: '/p' }), { abortSignal: controller.signal });
    await vi.waitFor(() => expect(ssm.pending).toBe(1));
    controller.abort();
    const error = await rejection(call);
    await vi.waitFor(() => expect(ssm.pending).toBe(0));
    const next = await client.send(new GetParameterCommand({ Name: '/p' }));

    // Assess
    expect(error.name).toBe('AbortError');
    expect(next.Parameter?.Value).toBe('v');
  });

  it.each([
    {
      act: () => ssm.throttleNext(-1),
      message: 'ssmEmulator.throttleNext: n must be an integer >= 0, got -1',
    },
    {
      act: () => ssm.failNext(1, 404),
      message: 'ssmEmulator.failNext: status must be an integer 500-599, got 404',
    },
    {
      act: () => ssm.setLatency(Number.POSITIVE_INFINITY),
      message: 'ssmEmulator.setLatency: ms must be a number of ms >= 0',
    },
    { act: () => ssm.hangNext(1.5), message: 'ssmEmulator.hangNext: n must be an integer >= 0, got 1.5' },
    {
      act: () => ssmEmulator({ region: 'mars' }),
      message: `ssmEmulator: region must look like 'us-east-1', got "mars"`,
    },
  ])('rejects bad knob values: $message', ({ act, message }) => {
    expect(act).toThrow(TypeError);
    expect(act).toThrow(message);
  });
});

describe('counters and unsupported operations', () => {
  it('counts calls per operation, starting at 0 for every supported one', async () => {
    // Prepare
    ssm.put('/p', 'v');

    // Act
    await client.send(new GetParameterCommand({ Name: '/p' }));
    await client.send(new GetParameterCommand({ Name: '/p' }));
    await client.send(new PutParameterCommand({ Name: '/q', Value: 'v', Type: 'String' }));

    // Assess
    expect(ssm.calls).toEqual({
      ...Object.fromEntries(SSM_OPERATIONS.map((op) => [op, 0])),
      GetParameter: 2,
      PutParameter: 1,
    });
  });

  it('answers an operation it does not emulate with an error naming it, never a 200', async () => {
    // Prepare
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    // Act
    const error = await rejection(client.send(new DescribeParametersCommand({})));

    // Assess
    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toContain('AmazonSSM.DescribeParameters');
    expect(ssm.calls.DescribeParameters).toBe(1);
    expect(ssm.errors).toHaveLength(1);
    // useMswServer fails the test in afterEach on these; take it so this test can pass.
    expect(takeScriptErrors(server.listHandlers())).toEqual([expect.stringContaining('DescribeParameters')]);
    vi.restoreAllMocks();
  });

  it('answers only its region when given one', async () => {
    // Prepare
    const elsewhere = sdkClient(SSMClient, 'eu-west-1');

    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    // Act: no handler matches, so useMswServer's strategy fails the request.
    const error = await rejection(elsewhere.send(new GetParameterCommand({ Name: '/p' })));
    vi.restoreAllMocks();

    // Assess
    expect(error.message).toContain('unhandled request: POST https://ssm.eu-west-1.amazonaws.com/');
    expect(ssm.calls.GetParameter).toBe(0);
    // useMswServer would fail this test in afterEach; take the report so it passes.
    expect(takeScriptErrors([server])).toEqual([
      'unhandled request: POST https://ssm.eu-west-1.amazonaws.com/',
    ]);
  });
});

describe('Powertools parameters', () => {
  it('getParameter reads through the emulator and caches for maxAge', async () => {
    // Prepare
    ssm.put('/pt/flag', 'on');

    // Act
    const first = await getParameter('/pt/flag', { maxAge: 60 });
    ssm.put('/pt/flag', 'off');
    const cached = await getParameter('/pt/flag', { maxAge: 60 });
    const fresh = await getParameter('/pt/flag', { forceFetch: true });

    // Assess
    expect([first, cached, fresh]).toEqual(['on', 'on', 'off']);
    expect(ssm.calls.GetParameter).toBe(2);
  });

  it('SSMProvider getMultiple walks GetParametersByPath, setParameter respects overwrite', async () => {
    // Prepare
    const provider = new SSMProvider({ clientConfig: { region: 'us-east-1', credentials, maxAttempts: 1 } });
    ssm.put('/pt/multi/a', '1');
    ssm.put('/pt/multi/b', '2');

    // Act
    const all = await provider.getMultiple('/pt/multi', { recursive: true });
    const version = await setParameter('/pt/set', { value: 'x' });
    const refused = await rejection(setParameter('/pt/set', { value: 'y' }));
    const overwritten = await setParameter('/pt/set', { value: 'y', overwrite: true });

    // Assess
    expect(all).toEqual({ a: '1', b: '2' });
    expect(version).toBe(1);
    expect(
      String(refused.message) + String((refused as { cause?: { name?: string } }).cause?.name),
    ).toContain('ParameterAlreadyExists');
    expect(overwritten).toBe(2);
  });

  it('a throttled Powertools read surfaces ThrottlingException', async () => {
    // Prepare
    const provider = new SSMProvider({ clientConfig: { region: 'us-east-1', credentials, maxAttempts: 1 } });
    ssm.put('/pt/flag', 'on');
    ssm.throttleNext(1);

    // Act
    const error = await rejection(provider.get('/pt/flag', { forceFetch: true }));

    // Assess
    const names = [error.name, (error as { cause?: { name?: string } }).cause?.name];
    expect(names).toContain('ThrottlingException');
  });
});
