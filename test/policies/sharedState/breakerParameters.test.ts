// The writer's side of the shared state (what `bulwark breaker` and the probe use) against the SSM
// emulator: the requests made, what a read and a listing answer, and how SSM's errors come back.
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  type BreakerStateDocument,
  listBreakerParameters,
  readBreakerParameter,
  writeBreakerParameter,
} from '@bulwark/policies';
import { LOCAL_CREDENTIALS, ssmEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordSsmRequests } from './ssmRequests.js';

const ssm = ssmEmulator();
const server = useMswServer(...ssm.handlers);
const requests = recordSsmRequests(server);
const NAME = '/bulwark/breakers/edna';

beforeEach(() => {
  ssm.reset();
});

const client = () => new SSMClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });

/** A document, its keys in the order serializeBreakerDocument writes them (so its JSON is what SSM holds). */
function doc(dependency: string, extra: Partial<BreakerStateDocument> = {}): BreakerStateDocument {
  return {
    version: 1,
    dependency,
    state: 'forced-open',
    since: '2026-11-23T10:00:00.000Z',
    reason: 'INC-1234',
    writtenBy: { kind: 'operator', id: 'alice' },
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...extra,
  };
}

/** SSM answers the next calls of `operation` with `bodies`, in order (shapes the emulator never produces). */
function answer(operation: string, ...bodies: unknown[]): void {
  server.use(
    http.post('https://ssm.us-east-1.amazonaws.com/', ({ request }) => {
      if (request.headers.get('x-amz-target') !== `AmazonSSM.${operation}`) return undefined;
      const body = bodies.shift();
      if (body === undefined) return undefined;
      return HttpResponse.json(body, { headers: { 'content-type': 'application/x-amz-json-1.1' } });
    }),
  );
}

describe('readBreakerParameter', () => {
  it('answers the text, its SSM version and the parsed document, from one GetParameter', async () => {
    // Prepare
    const text = JSON.stringify(doc('edna'));
    ssm.put(NAME, 'older');
    ssm.put(NAME, text);

    // Act
    const read = await readBreakerParameter(client(), NAME, { dependency: 'edna' });

    // Assess
    expect(read).toEqual({
      name: NAME,
      found: true,
      raw: text,
      parameterVersion: 2,
      result: { ok: true, document: doc('edna') },
    });
    expect(await requests.sent()).toEqual([{ operation: 'GetParameter', body: { Name: NAME } }]);
  });

  it("refuses another dependency's document when the reader names its own", async () => {
    // Prepare
    ssm.put(NAME, JSON.stringify(doc('payments')));

    // Act
    const read = await readBreakerParameter(client(), NAME, { dependency: 'edna' });

    // Assess
    expect(read).toMatchObject({ found: true, result: { ok: false, problem: 'invalid' } });
  });

  it('answers { found: false } for a missing parameter', async () => {
    expect(await readBreakerParameter(client(), NAME)).toEqual({ name: NAME, found: false });
  });

  it('answers { found: false } for an answer without a Parameter', async () => {
    // Prepare
    answer('GetParameter', {});

    // Act + Assess
    expect(await readBreakerParameter(client(), NAME)).toEqual({ name: NAME, found: false });
  });

  it("throws SSM's other errors as the SDK threw them", async () => {
    // Prepare
    ssm.throttleNext(1);

    // Act + Assess
    await expect(readBreakerParameter(client(), NAME)).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('rethrows whatever a client rejects with, null included', async () => {
    // Prepare
    const broken = { send: () => Promise.reject(null) } as unknown as SSMClient;

    // Act + Assess
    await expect(readBreakerParameter(broken, NAME)).rejects.toBeNull();
  });
});

describe('writeBreakerParameter', () => {
  it('overwrites the parameter with the serialized document, as a String with a description', async () => {
    // Prepare
    ssm.put(NAME, 'older');

    // Act
    await writeBreakerParameter(client(), NAME, doc('edna'));

    // Assess
    expect(ssm.parameter(NAME)).toMatchObject({
      value: JSON.stringify(doc('edna')),
      type: 'String',
      version: 2,
    });
    expect(await requests.sent()).toEqual([
      {
        operation: 'PutParameter',
        body: {
          Name: NAME,
          Value: JSON.stringify(doc('edna')),
          Type: 'String',
          Overwrite: true,
          Description: 'Bulwark fleet breaker state for edna',
        },
      },
    ]);
  });

  it('refuses a document outside the schema before any request', async () => {
    await expect(
      writeBreakerParameter(client(), NAME, doc('edna', { state: 'ajar' as never })),
    ).rejects.toThrow(TypeError);
    expect(ssm.calls.PutParameter).toBe(0);
  });
});

describe('listBreakerParameters', () => {
  it('lists every parameter under the prefix, nested ones and later pages included, sorted by name', async () => {
    // Prepare: 12 parameters (two pages of SSM's 10), names whose code-unit order is not the sorted one
    const names = [
      ...Array.from({ length: 10 }, (_, i) => `/bulwark/breakers/dep-${i}`),
      '/bulwark/breakers/Zeta',
      '/bulwark/breakers/team/alpha',
    ];
    for (const name of names) ssm.put(name, JSON.stringify(doc(name.split('/').at(-1) as string)));
    ssm.put('/bulwark/other/edna', JSON.stringify(doc('edna')));

    // Act
    const listed = await listBreakerParameters(client(), '/bulwark/breakers/');

    // Assess
    expect(listed.map((p) => p.name)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(listed.map((p) => p.name).at(-1)).toBe('/bulwark/breakers/Zeta');
    expect(listed[0]).toEqual({
      name: '/bulwark/breakers/dep-0',
      found: true,
      raw: JSON.stringify(doc('dep-0')),
      parameterVersion: 1,
      result: { ok: true, document: doc('dep-0') },
    });
    const sent = await requests.sent();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({
      operation: 'GetParametersByPath',
      body: { Path: '/bulwark/breakers', Recursive: true },
    });
  });

  it('lists refused documents too, with their problem', async () => {
    // Prepare
    ssm.put(NAME, 'not json');

    // Act
    const listed = await listBreakerParameters(client(), '/bulwark/breakers');

    // Assess
    expect(listed).toMatchObject([
      { name: NAME, raw: 'not json', result: { ok: false, problem: 'unparseable' } },
    ]);
  });

  it('asks for "/" as is (the whole account)', async () => {
    // Prepare
    ssm.put(NAME, JSON.stringify(doc('edna')));

    // Act
    const listed = await listBreakerParameters(client(), '/');

    // Assess
    expect(listed.map((p) => p.name)).toEqual([NAME]);
    expect((await requests.sent())[0]?.body).toEqual({ Path: '/', Recursive: true });
  });

  it('skips entries without a name or a value, and pages without parameters', async () => {
    // Prepare
    answer(
      'GetParametersByPath',
      {
        Parameters: [{ Name: '/bulwark/breakers/a' }, { Value: 'x' }, { Name: NAME, Value: 'x', Version: 3 }],
        NextToken: 'more',
      },
      {},
    );

    // Act
    const listed = await listBreakerParameters(client(), '/bulwark/breakers/');

    // Assess
    expect(listed.map((p) => [p.name, p.raw, p.parameterVersion])).toEqual([[NAME, 'x', 3]]);
  });
});
