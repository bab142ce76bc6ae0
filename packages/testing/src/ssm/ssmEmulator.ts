// SSM Parameter Store, emulated at its HTTP edge: msw handlers that answer the real
// `@aws-sdk/client-ssm` (and so Powertools parameters) from memory, with knobs for its failures.

import { randomUUID } from 'node:crypto';
import { describeValue, readOptions } from '@bulwark/errors';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { abortableDelay, untilAborted } from '../faults/abortableDelay.js';
import { trackScriptErrors } from '../msw/scriptErrors.js';
import { readDuration } from '../options/readNumberOption.js';

/** The operations the emulator answers; any other `AmazonSSM.*` call gets a loud error. */
export const SSM_OPERATIONS = [
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
  'PutParameter',
  'DeleteParameter',
] as const;

/**
 * One of {@link SSM_OPERATIONS}.
 *
 * @example
 * ```ts
 * const op: SsmOperation = 'GetParameter';
 * ```
 */
export type SsmOperation = (typeof SSM_OPERATIONS)[number];

/**
 * Options of {@link ssmEmulator}.
 *
 * @example
 * ```ts
 * const options: SsmEmulatorOptions = { region: 'eu-west-1', accountId: '111122223333' };
 * ```
 */
export interface SsmEmulatorOptions {
  /** Region whose endpoint (`https://ssm.<region>.amazonaws.com`) is answered. @defaultValue every region */
  readonly region?: string;
  /** Account id used in parameter ARNs. @defaultValue '123456789012' */
  readonly accountId?: string;
}

/**
 * Seeding options of {@link SsmEmulator.put}.
 *
 * @example
 * ```ts
 * ssm.put('/app/db-password', 's3cret', { type: 'SecureString' });
 * ```
 */
export interface SsmPutOptions {
  /** @defaultValue 'String' */
  readonly type?: SsmParameterType;
}

/**
 * SSM parameter types.
 *
 * @example
 * ```ts
 * const type: SsmParameterType = 'StringList';
 * ```
 */
export type SsmParameterType = 'String' | 'StringList' | 'SecureString';

/**
 * A stored parameter as the emulator holds it.
 *
 * @example
 * ```ts
 * const p: SsmStoredParameter | undefined = ssm.parameter('/app/flag');
 * p?.version; // 1
 * ```
 */
export interface SsmStoredParameter {
  readonly name: string;
  readonly value: string;
  readonly type: SsmParameterType;
  readonly version: number;
  readonly lastModified: Date;
}

/**
 * The emulator: msw `handlers`, its store and its fault knobs.
 *
 * @example
 * ```ts
 * const ssm = ssmEmulator({ region: 'us-east-1' });
 * server.use(...ssm.handlers);
 * ssm.put('/bulwark/breaker/edna', '{"state":"closed"}');
 * ssm.throttleNext(2);
 * ```
 */
export interface SsmEmulator {
  /** msw handlers to `server.use(...)`. */
  readonly handlers: readonly HttpHandler[];
  /** Seeds (or overwrites, bumping the version) a parameter without an SDK call; returns its version. */
  put(name: string, value: string, options?: SsmPutOptions): number;
  /** The current value of `name`, or undefined. */
  value(name: string): string | undefined;
  /** The stored parameter with its version, or undefined. */
  parameter(name: string): SsmStoredParameter | undefined;
  /** Requests per operation (faulted ones included); unsupported operations appear under their own name. */
  readonly calls: Readonly<Record<SsmOperation, number>> & Readonly<Record<string, number>>;
  /** The next `n` calls answer `ThrottlingException` (HTTP 400), as a busy account does. */
  throttleNext(n: number): void;
  /** The next `n` calls answer `InternalServerError` with `status`. @defaultValue status 500 */
  failNext(n: number, status?: number): void;
  /** Every answer waits `ms` first (aborting the request ends the wait). 0 turns it off. */
  setLatency(ms: number): void;
  /** The next `n` calls never answer until the client aborts them. */
  hangNext(n: number): void;
  /** Requests still being answered (latency, hangs): 0 once every client has given up or been answered. */
  readonly pending: number;
  /** Calls the emulator could not answer (unsupported operations). {@link useMswServer} fails the test on them. */
  readonly errors: readonly string[];
  /** Forgets parameters, counters, errors and pending faults. */
  reset(): void;
}

interface StoredVersion {
  readonly value: string;
  readonly type: SsmParameterType;
  readonly version: number;
  readonly lastModified: Date;
}

const JSON_11 = 'application/x-amz-json-1.1';
const MAX_BY_PATH_RESULTS = 10;
const MAX_GET_PARAMETERS = 10;
// The service keeps the last 100 versions of a parameter.
const MAX_VERSIONS = 100;

class SsmServiceError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/**
 * Emulates SSM Parameter Store for the real AWS SDK v3 and Powertools parameters (GetParameter,
 * GetParameters, GetParametersByPath, PutParameter, DeleteParameter), with the error names and
 * version rules of the real service and knobs for throttling, 5xx, latency and hangs.
 *
 * @example
 * ```ts
 * const ssm = ssmEmulator();
 * const server = useMswServer(...ssm.handlers);
 * it('reads a flag', async () => {
 *   ssm.put('/app/flag', 'on');
 *   const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 *   const out = await client.send(new GetParameterCommand({ Name: '/app/flag' }));
 *   expect(out.Parameter?.Value).toBe('on');
 * });
 * ```
 */
export function ssmEmulator(options: SsmEmulatorOptions = {}): SsmEmulator {
  const { region, accountId = '123456789012' } = readOptions('ssmEmulator', options, [
    'region',
    'accountId',
  ]) as SsmEmulatorOptions;
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new TypeError(`ssmEmulator: region must look like 'us-east-1', got ${describeValue(region)}`);
  }
  if (!/^\d{12}$/.test(accountId)) {
    throw new TypeError(`ssmEmulator: accountId must be 12 digits, got ${describeValue(accountId)}`);
  }
  const store = new Map<string, StoredVersion[]>();
  const calls: Record<string, number> = {};
  let throttle = 0;
  let failures: { n: number; status: number } = { n: 0, status: 500 };
  let hangs = 0;
  let latencyMs = 0;

  const resetCalls = (): void => {
    for (const key of Object.keys(calls)) delete calls[key];
    for (const op of SSM_OPERATIONS) calls[op] = 0;
  };
  resetCalls();

  const endpoint =
    region === undefined
      ? /^https:\/\/ssm\.[a-z0-9-]+\.amazonaws\.com\/?$/
      : `https://ssm.${region}.amazonaws.com/`;

  const arnOf = (name: string, requestRegion: string): string =>
    `arn:aws:ssm:${requestRegion}:${accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;

  const write = (name: string, value: string, type: SsmParameterType | undefined): number => {
    const history = store.get(name) ?? [];
    const previous = history.at(-1);
    const version = (previous?.version ?? 0) + 1;
    history.push({ value, type: type ?? previous?.type ?? 'String', version, lastModified: new Date() });
    if (history.length > MAX_VERSIONS) history.shift();
    store.set(name, history);
    return version;
  };

  const current = (name: string): StoredVersion | undefined => store.get(name)?.at(-1);

  const render = (
    name: string,
    stored: StoredVersion,
    decrypt: boolean,
    requestRegion: string,
    selector = '',
  ) => ({
    Name: name,
    Type: stored.type,
    // The real service returns the KMS ciphertext of a SecureString read without decryption.
    Value:
      stored.type === 'SecureString' && !decrypt
        ? Buffer.from(`kms-ciphertext:${stored.value}`).toString('base64')
        : stored.value,
    Version: stored.version,
    ...(selector === '' ? {} : { Selector: selector }),
    LastModifiedDate: stored.lastModified.getTime() / 1000,
    ARN: arnOf(name, requestRegion),
    DataType: 'text',
  });

  // `name`, `name:3` (a version selector); labels are not emulated.
  const lookup = (raw: string): { name: string; stored: StoredVersion | undefined; selector: string } => {
    const match = /^(.*):(\d+)$/.exec(raw);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      const version = Number(match[2]);
      return {
        name: match[1],
        stored: store.get(match[1])?.find((entry) => entry.version === version),
        selector: `:${version}`,
      };
    }
    return { name: raw, stored: current(raw), selector: '' };
  };

  const requireName = (input: Record<string, unknown>, field = 'Name'): string => {
    const name = input[field];
    if (typeof name !== 'string' || name === '') {
      throw new SsmServiceError(
        'ValidationException',
        `1 validation error detected: Value at '${field.toLowerCase()}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return name;
  };

  const operations: Record<SsmOperation, (input: Record<string, unknown>, requestRegion: string) => unknown> =
    {
      GetParameter(input, requestRegion) {
        const { name, stored, selector } = lookup(requireName(input));
        if (stored === undefined) {
          if (selector !== '' && store.has(name)) {
            throw new SsmServiceError(
              'ParameterVersionNotFound',
              `Systems Manager could not find version ${selector.slice(1)} of ${name}.`,
            );
          }
          throw new SsmServiceError('ParameterNotFound', `Parameter ${name} not found.`);
        }
        return { Parameter: render(name, stored, input.WithDecryption === true, requestRegion, selector) };
      },
      GetParameters(input, requestRegion) {
        const names = input.Names;
        if (!Array.isArray(names) || names.length === 0 || names.length > MAX_GET_PARAMETERS) {
          throw new SsmServiceError(
            'ValidationException',
            `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length between 1 and ${MAX_GET_PARAMETERS}`,
          );
        }
        const parameters: unknown[] = [];
        const invalid: string[] = [];
        for (const raw of new Set(names.map(String))) {
          const { name, stored, selector } = lookup(raw);
          if (stored === undefined) invalid.push(raw);
          else parameters.push(render(name, stored, input.WithDecryption === true, requestRegion, selector));
        }
        return { Parameters: parameters, InvalidParameters: invalid };
      },
      GetParametersByPath(input, requestRegion) {
        const path = requireName(input, 'Path');
        if (!path.startsWith('/')) {
          throw new SsmServiceError(
            'ValidationException',
            `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". ${path}`,
          );
        }
        const maxResults = input.MaxResults ?? MAX_BY_PATH_RESULTS;
        if (
          typeof maxResults !== 'number' ||
          !Number.isInteger(maxResults) ||
          maxResults < 1 ||
          maxResults > MAX_BY_PATH_RESULTS
        ) {
          throw new SsmServiceError(
            'ValidationException',
            `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_BY_PATH_RESULTS}`,
          );
        }
        const prefix = path.endsWith('/') ? path : `${path}/`;
        const recursive = input.Recursive === true;
        const matching = [...store.keys()]
          .filter((name) => {
            if (!name.startsWith(prefix) || name === prefix) return false;
            return recursive || !name.slice(prefix.length).includes('/');
          })
          .sort();
        let start = 0;
        if (input.NextToken !== undefined) {
          const decoded = decodeToken(input.NextToken, prefix);
          if (decoded === undefined)
            throw new SsmServiceError('InvalidNextToken', 'The specified token is not valid.');
          start = decoded;
        }
        const page = matching.slice(start, start + maxResults);
        const next = start + page.length;
        return {
          Parameters: page.map((name) =>
            render(name, current(name)!, input.WithDecryption === true, requestRegion),
          ),
          ...(next < matching.length ? { NextToken: encodeToken(next, prefix) } : {}),
        };
      },
      PutParameter(input) {
        const name = requireName(input);
        const value = input.Value;
        if (typeof value !== 'string' || value === '') {
          throw new SsmServiceError(
            'ValidationException',
            `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1`,
          );
        }
        if (value.length > 4096) {
          throw new SsmServiceError(
            'ValidationException',
            `Standard tier parameters support a maximum parameter value of 4096 characters.`,
          );
        }
        if (name.includes('/') && !name.startsWith('/')) {
          throw new SsmServiceError(
            'ValidationException',
            `Parameter name: can't be prefixed with "/" only when it is hierarchical: ${name}`,
          );
        }
        const type = input.Type;
        if (type !== undefined && type !== 'String' && type !== 'StringList' && type !== 'SecureString') {
          throw new SsmServiceError(
            'ValidationException',
            `1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
          );
        }
        const existing = current(name);
        if (existing !== undefined && input.Overwrite !== true) {
          throw new SsmServiceError(
            'ParameterAlreadyExists',
            'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
          );
        }
        if (existing === undefined && type === undefined) {
          throw new SsmServiceError(
            'ValidationException',
            'A parameter type is required when you create a parameter.',
          );
        }
        // The service refuses to turn a parameter into or out of a SecureString in place.
        if (
          existing !== undefined &&
          type !== undefined &&
          type !== existing.type &&
          (type === 'SecureString' || existing.type === 'SecureString')
        ) {
          throw new SsmServiceError(
            'HierarchyTypeMismatchException',
            `The parameter type can't be changed from ${existing.type} to ${type}. Create a new parameter instead.`,
          );
        }
        return { Version: write(name, value, type), Tier: 'Standard' };
      },
      DeleteParameter(input) {
        const name = requireName(input);
        if (!store.has(name)) throw new SsmServiceError('ParameterNotFound', `Parameter ${name} not found.`);
        store.delete(name);
        return {};
      },
    };

  const scriptErrors = trackScriptErrors();
  let pending = 0;

  const answer = async (request: Request): Promise<Response> => {
    const target = request.headers.get('x-amz-target') ?? '';
    const operation = target.startsWith('AmazonSSM.')
      ? target.slice('AmazonSSM.'.length)
      : target || '(no x-amz-target)';
    calls[operation] = (calls[operation] ?? 0) + 1;
    const requestRegion = /^https:\/\/ssm\.([a-z0-9-]+)\./.exec(request.url)?.[1] ?? 'us-east-1';

    if (latencyMs > 0 && !(await abortableDelay(latencyMs, request.signal))) return HttpResponse.error();
    if (hangs > 0) {
      hangs--;
      await untilAborted(request.signal);
      return HttpResponse.error();
    }
    if (throttle > 0) {
      throttle--;
      return errorResponse(new SsmServiceError('ThrottlingException', 'Rate exceeded'));
    }
    if (failures.n > 0) {
      failures = { ...failures, n: failures.n - 1 };
      return errorResponse(
        new SsmServiceError('InternalServerError', 'An error occurred on the server side.', failures.status),
      );
    }

    const run = (operations as Record<string, (typeof operations)[SsmOperation]>)[operation];
    if (run === undefined || !Object.hasOwn(operations, operation)) {
      const message = `ssmEmulator does not emulate ${target || 'a request without x-amz-target'}; it answers ${SSM_OPERATIONS.map((op) => `AmazonSSM.${op}`).join(', ')}`;
      console.error(message);
      scriptErrors.report(message);
      return errorResponse(new SsmServiceError('UnknownOperationException', message));
    }
    let input: Record<string, unknown>;
    try {
      const text = await request.text();
      input = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return errorResponse(new SsmServiceError('SerializationException', 'Request body is not valid JSON.'));
    }
    try {
      return HttpResponse.json(run(input, requestRegion) as Record<string, unknown>, {
        headers: { 'content-type': JSON_11, 'x-amzn-requestid': randomUUID() },
      });
    } catch (error: unknown) {
      if (error instanceof SsmServiceError) return errorResponse(error);
      throw error;
    }
  };

  const handler = http.post(endpoint, async ({ request }) => {
    pending++;
    try {
      return await answer(request);
    } finally {
      pending--;
    }
  });
  scriptErrors.attach(handler);

  const assertCount = (n: unknown, knob: string): void => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new TypeError(`ssmEmulator.${knob}: n must be an integer >= 0, got ${describeValue(n)}`);
    }
  };

  return {
    handlers: [handler],
    put(name, value, putOptions = {}) {
      if (typeof name !== 'string' || name === '')
        throw new TypeError(`ssmEmulator.put: name must be a non-empty string, got ${describeValue(name)}`);
      if (typeof value !== 'string')
        throw new TypeError(`ssmEmulator.put: value must be a string, got ${describeValue(value)}`);
      const { type } = readOptions('ssmEmulator.put', putOptions, ['type']) as SsmPutOptions;
      return write(name, value, type);
    },
    value: (name) => current(name)?.value,
    parameter(name) {
      const stored = current(name);
      return stored === undefined ? undefined : { name, ...stored };
    },
    calls: calls as SsmEmulator['calls'],
    throttleNext(n) {
      assertCount(n, 'throttleNext');
      throttle = n;
    },
    failNext(n, status = 500) {
      assertCount(n, 'failNext');
      if (!Number.isInteger(status) || status < 500 || status > 599) {
        throw new TypeError(
          `ssmEmulator.failNext: status must be an integer 500-599, got ${describeValue(status)}`,
        );
      }
      failures = { n, status };
    },
    setLatency(ms) {
      latencyMs = readDuration('ssmEmulator.setLatency', 'ms', ms);
    },
    hangNext(n) {
      assertCount(n, 'hangNext');
      hangs = n;
    },
    get pending() {
      return pending;
    },
    errors: scriptErrors.all,
    reset() {
      store.clear();
      (scriptErrors.all as string[]).length = 0;
      resetCalls();
      throttle = 0;
      hangs = 0;
      latencyMs = 0;
      failures = { n: 0, status: 500 };
    },
  };
}

function errorResponse(error: SsmServiceError): Response {
  // The shape the service sends: the error name in `__type` (and the header), the text in `message`.
  return HttpResponse.json(
    { __type: error.type, message: error.message },
    {
      status: error.status,
      headers: { 'content-type': JSON_11, 'x-amzn-errortype': error.type, 'x-amzn-requestid': randomUUID() },
    },
  );
}

function encodeToken(offset: number, prefix: string): string {
  return Buffer.from(JSON.stringify({ offset, prefix })).toString('base64');
}

function decodeToken(token: unknown, prefix: string): number | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
      offset?: unknown;
      prefix?: unknown;
    };
    return typeof parsed.offset === 'number' && parsed.prefix === prefix ? parsed.offset : undefined;
  } catch {
    return undefined;
  }
}
