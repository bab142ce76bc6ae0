// Turns SqsHandlerOptions into the form the runner uses, throwing a TypeError that names the field and the
// value for anything it cannot use: a misconfigured consumer should fail at deploy, not on the first message.

import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { Logger } from '@aws-lambda-powertools/logger';
import { type Classification, classify } from '@bulwark/errors';
import type { MetricsLike } from '../internal/MetricsLike.js';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import { isStandardSchema } from '../schema/validate.js';
import {
  type BreakerAwareDependency,
  DEFAULT_SQS_HANDLER_OPTIONS,
  type PermanentFailurePolicy,
  type SqsHandlerOptions,
} from './SqsHandlerOptions.js';

export interface NormalizedSqsOptions<TBody> {
  readonly body: 'json' | 'text';
  readonly schema: StandardSchemaV1<unknown, TBody> | undefined;
  readonly fifo: boolean | undefined;
  readonly skipGroupOnError: boolean;
  readonly processInParallel: boolean;
  readonly onPermanentFailure: PermanentFailurePolicy;
  readonly skipWhenBreakerOpen: readonly BreakerAwareDependency[];
  readonly deadline:
    | { readonly safetyMarginMs: number; readonly initialRecordEstimateMs: number }
    | undefined;
  readonly idempotency:
    | {
        readonly persistenceStore: BasePersistenceLayer;
        readonly keyPrefix: string;
        readonly bodyKeyJmesPath: string | undefined;
        readonly expiresAfterSeconds: number;
        readonly useLocalCache: boolean;
      }
    | undefined;
  readonly logger: Logger;
  readonly metrics: MetricsLike | undefined;
  readonly publishMetrics: boolean;
  readonly throwOnFullBatchFailure: boolean;
  readonly classify: (error: unknown) => Classification;
}

const show = (value: unknown): string => {
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

const fail = (field: string, expected: string, value: unknown): never => {
  throw new TypeError(`sqsHandler: options.${field} must be ${expected}; got ${show(value)}.`);
};

const optionalBoolean = (field: string, value: unknown, fallback: boolean): boolean => {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(field, 'a boolean', value);
  return value as boolean;
};

const nonNegative = (field: string, value: unknown, fallback: number): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(field, 'a finite number >= 0', value);
  }
  return value as number;
};

export function normalizeSqsOptions<TBody>(
  options: SqsHandlerOptions<TBody> | undefined,
): NormalizedSqsOptions<TBody> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`sqsHandler: options must be an object; got ${show(options)}.`);
  }
  const o: SqsHandlerOptions<TBody> = options ?? {};
  const d = DEFAULT_SQS_HANDLER_OPTIONS;

  const body = o.body ?? d.body;
  if (body !== 'json' && body !== 'text') fail('body', "'json' or 'text'", o.body);

  if (o.schema !== undefined && !isStandardSchema(o.schema)) {
    fail('schema', "a Standard Schema (an object with a '~standard' validate function)", o.schema);
  }

  if (o.fifo !== undefined && typeof o.fifo !== 'boolean') fail('fifo', 'a boolean or undefined', o.fifo);
  const skipGroupOnError = optionalBoolean('skipGroupOnError', o.skipGroupOnError, d.skipGroupOnError);
  if (skipGroupOnError && o.fifo === false) {
    fail('skipGroupOnError', 'false when options.fifo is false (it only applies to FIFO queues)', true);
  }
  const processInParallel = optionalBoolean('processInParallel', o.processInParallel, d.processInParallel);
  if (processInParallel && o.fifo === true) {
    fail('processInParallel', 'false when options.fifo is true (FIFO keeps order)', true);
  }

  const onPermanentFailure = o.onPermanentFailure ?? d.onPermanentFailure;
  if (
    onPermanentFailure !== 'report' &&
    onPermanentFailure !== 'acknowledge' &&
    typeof onPermanentFailure !== 'function'
  ) {
    fail('onPermanentFailure', "'report', 'acknowledge' or a function", o.onPermanentFailure);
  }

  const skipWhenBreakerOpen = o.skipWhenBreakerOpen ?? d.skipWhenBreakerOpen;
  if (!Array.isArray(skipWhenBreakerOpen)) {
    fail('skipWhenBreakerOpen', 'an array of dependencies', o.skipWhenBreakerOpen);
  }
  skipWhenBreakerOpen.forEach((dep: unknown, i) => {
    if (
      typeof dep !== 'object' ||
      dep === null ||
      typeof (dep as { name?: unknown }).name !== 'string' ||
      !('state' in dep)
    ) {
      fail(`skipWhenBreakerOpen[${i}]`, 'a dependency with a string `name` and a `state`', dep);
    }
  });

  let deadline: NormalizedSqsOptions<TBody>['deadline'];
  if (o.deadline === false) deadline = undefined;
  else {
    const dl = o.deadline ?? d.deadline;
    if (typeof dl !== 'object' || dl === null) fail('deadline', 'an object or false', o.deadline);
    deadline = {
      safetyMarginMs: nonNegative('deadline.safetyMarginMs', dl.safetyMarginMs, d.deadline.safetyMarginMs),
      initialRecordEstimateMs: nonNegative(
        'deadline.initialRecordEstimateMs',
        dl.initialRecordEstimateMs,
        d.deadline.initialRecordEstimateMs,
      ),
    };
  }

  let idempotency: NormalizedSqsOptions<TBody>['idempotency'];
  if (o.idempotency !== undefined) {
    const i = o.idempotency;
    if (typeof i !== 'object' || i === null) fail('idempotency', 'an object', i);
    const store = i.persistenceStore as unknown;
    if (
      typeof store !== 'object' ||
      store === null ||
      typeof (store as { saveInProgress?: unknown }).saveInProgress !== 'function' ||
      typeof (store as { configure?: unknown }).configure !== 'function'
    ) {
      fail('idempotency.persistenceStore', 'a Powertools persistence layer (BasePersistenceLayer)', store);
    }
    const keyPrefix =
      i.keyPrefix ??
      (process.env.AWS_LAMBDA_FUNCTION_NAME
        ? `${process.env.AWS_LAMBDA_FUNCTION_NAME}.sqsRecord`
        : 'sqsRecord');
    if (typeof keyPrefix !== 'string' || keyPrefix.trim() === '') {
      fail('idempotency.keyPrefix', 'a non-empty string', i.keyPrefix);
    }
    if (
      i.bodyKeyJmesPath !== undefined &&
      (typeof i.bodyKeyJmesPath !== 'string' || i.bodyKeyJmesPath.trim() === '')
    ) {
      fail('idempotency.bodyKeyJmesPath', 'a non-empty JMESPath string', i.bodyKeyJmesPath);
    }
    if (i.bodyKeyJmesPath !== undefined && body === 'text' && o.schema === undefined) {
      fail(
        'idempotency.bodyKeyJmesPath',
        "unset when options.body is 'text' (there is no object to search)",
        i.bodyKeyJmesPath,
      );
    }
    const expiresAfterSeconds = nonNegative(
      'idempotency.expiresAfterSeconds',
      i.expiresAfterSeconds,
      d.idempotency.expiresAfterSeconds,
    );
    if (expiresAfterSeconds === 0) fail('idempotency.expiresAfterSeconds', 'greater than 0', 0);
    idempotency = {
      persistenceStore: i.persistenceStore,
      keyPrefix: keyPrefix.trim(),
      bodyKeyJmesPath: i.bodyKeyJmesPath,
      expiresAfterSeconds,
      useLocalCache: optionalBoolean(
        'idempotency.useLocalCache',
        i.useLocalCache,
        d.idempotency.useLocalCache,
      ),
    };
  }

  const logger = o.logger ?? new Logger();
  if (typeof logger.createChild !== 'function' || typeof logger.info !== 'function') {
    fail('logger', 'a Powertools Logger', o.logger);
  }
  if (o.metrics !== undefined && typeof (o.metrics as { addMetric?: unknown }).addMetric !== 'function') {
    fail('metrics', 'a Powertools Metrics instance (with addMetric)', o.metrics);
  }
  if (o.classify !== undefined && typeof o.classify !== 'function')
    fail('classify', 'a function', o.classify);

  return {
    body,
    schema: o.schema,
    fifo: o.fifo,
    skipGroupOnError,
    processInParallel,
    onPermanentFailure,
    skipWhenBreakerOpen,
    deadline,
    idempotency,
    logger,
    metrics: o.metrics,
    publishMetrics: optionalBoolean('publishMetrics', o.publishMetrics, d.publishMetrics),
    throwOnFullBatchFailure: optionalBoolean(
      'throwOnFullBatchFailure',
      o.throwOnFullBatchFailure,
      d.throwOnFullBatchFailure,
    ),
    classify: o.classify ?? classify,
  };
}
