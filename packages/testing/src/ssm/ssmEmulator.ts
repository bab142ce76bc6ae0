// SSM Parameter Store, emulated at its HTTP edge: msw handlers that answer the real
// `@aws-sdk/client-ssm` (and so Powertools parameters) from memory, with knobs for its failures. The edge
// (x-amz-target dispatch, counters, fault knobs) is the one SQS and EventBridge use too.

import { describeValue, readOptions } from '@bulwark/errors';
import { checkAccountId, checkRegion } from '../awsJson/awsJsonInput.js';
import { type AwsJsonFaultKnobs, AwsServiceError, awsJsonService } from '../awsJson/awsJsonService.js';
import { ssmParameters } from './ssmParameters.js';

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
export interface SsmEmulator extends AwsJsonFaultKnobs<SsmOperation> {
  /** Seeds (or overwrites, bumping the version) a parameter without an SDK call; returns its version. */
  put(name: string, value: string, options?: SsmPutOptions): number;
  /** The current value of `name`, or undefined. */
  value(name: string): string | undefined;
  /** The stored parameter with its version, or undefined. */
  parameter(name: string): SsmStoredParameter | undefined;
  /** Forgets parameters, counters, errors and pending faults. */
  reset(): void;
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
  if (region !== undefined) checkRegion('ssmEmulator', region);
  checkAccountId('ssmEmulator', accountId);
  const parameters = ssmParameters(accountId);
  const edge = awsJsonService<SsmOperation>({
    owner: 'ssmEmulator',
    endpointPrefix: 'ssm',
    region,
    targetPrefix: 'AmazonSSM',
    contentType: 'application/x-amz-json-1.1',
    operations: parameters.operations,
    // The shape the service sends: the error name in `__type` (and the header), the text in `message`.
    renderError: (error) => ({ body: { __type: error.type, message: error.message } }),
    throttling: () => new AwsServiceError('ThrottlingException', 'Rate exceeded'),
    internalError: (status) =>
      new AwsServiceError('InternalServerError', 'An error occurred on the server side.', status),
    // Not a knob of this emulator (no deny()); the shared edge asks for the service's answer all the same.
    accessDenied: (operation) =>
      new AwsServiceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${accountId}:assumed-role/operator/session is not authorized to perform: ssm:${operation}`,
      ),
  });

  return edge.withKnobs({
    put(name, value, putOptions = {}) {
      if (typeof name !== 'string' || name === '')
        throw new TypeError(`ssmEmulator.put: name must be a non-empty string, got ${describeValue(name)}`);
      if (typeof value !== 'string')
        throw new TypeError(`ssmEmulator.put: value must be a string, got ${describeValue(value)}`);
      const { type } = readOptions('ssmEmulator.put', putOptions, ['type']) as SsmPutOptions;
      return parameters.write(name, value, type);
    },
    value: (name) => parameters.current(name)?.value,
    parameter(name) {
      const stored = parameters.current(name);
      return stored === undefined ? undefined : { name, ...stored };
    },
    reset() {
      parameters.store.clear();
      edge.resetEdge();
    },
  });
}
