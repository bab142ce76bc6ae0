// Turns SqsHandlerOptions into the form the runner uses, throwing a TypeError that names the field and the
// value for anything it cannot use: a misconfigured consumer should fail at deploy, not on the first message.
// Every options object is read once through readOptions: unknown keys (a typo such as `onPermanentFaliure`)
// are refused with the nearest valid one, and a throwing getter or Proxy becomes a TypeError.

import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { Logger } from '@aws-lambda-powertools/logger';
import { type Classification, classify, MAX_TIMER_MS, optionError, readOptions } from '@bulwark/errors';
import { isLoggerLike, type LoggerLike } from '../internal/LoggerLike.js';
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
  readonly logger: LoggerLike;
  readonly metrics: MetricsLike | undefined;
  readonly publishMetrics: boolean;
  readonly throwOnFullBatchFailure: boolean;
  readonly classify: (error: unknown) => Classification;
}

const KEYS = [
  'body',
  'schema',
  'fifo',
  'skipGroupOnError',
  'processInParallel',
  'onPermanentFailure',
  'skipWhenBreakerOpen',
  'deadline',
  'idempotency',
  'logger',
  'metrics',
  'publishMetrics',
  'throwOnFullBatchFailure',
  'classify',
] as const;
const DEADLINE_KEYS = ['safetyMarginMs', 'initialRecordEstimateMs'] as const;
const IDEMPOTENCY_KEYS = [
  'persistenceStore',
  'keyPrefix',
  'bodyKeyJmesPath',
  'expiresAfterSeconds',
  'useLocalCache',
] as const;

export function normalizeSqsOptions<TBody>(
  options: SqsHandlerOptions<TBody> | undefined,
  owner = 'sqsHandler',
): NormalizedSqsOptions<TBody> {
  const o = readOptions(owner, options, KEYS) as SqsHandlerOptions<TBody>;
  const d = DEFAULT_SQS_HANDLER_OPTIONS;
  const fail = (field: string, value: unknown, rule: string, fix?: string): never => {
    throw optionError(owner, field, value, rule, fix);
  };
  const optionalBoolean = (field: string, value: unknown, fallback: boolean): boolean => {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') fail(field, value, 'a boolean');
    return value as boolean;
  };
  const duration = (field: string, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    // Stryker disable next-line ConditionalExpression: Number.isFinite refuses every non-number too; typeof narrows for tsc
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
      fail(field, value, `a number of ms between 0 and ${MAX_TIMER_MS}`);
    }
    return value as number;
  };

  const body = o.body ?? d.body;
  if (body !== 'json' && body !== 'text') fail('body', o.body, "'json' or 'text'");

  if (o.schema !== undefined && !isStandardSchema(o.schema)) {
    fail('schema', o.schema, "a Standard Schema (an object with a '~standard' validate function)");
  }

  if (o.fifo !== undefined && typeof o.fifo !== 'boolean') fail('fifo', o.fifo, 'a boolean or undefined');
  const skipGroupOnError = optionalBoolean('skipGroupOnError', o.skipGroupOnError, d.skipGroupOnError);
  if (skipGroupOnError && o.fifo === false) {
    fail('skipGroupOnError', true, 'false when fifo is false', 'it only applies to FIFO queues');
  }
  const processInParallel = optionalBoolean('processInParallel', o.processInParallel, d.processInParallel);
  if (processInParallel && o.fifo === true) {
    fail('processInParallel', true, 'false when fifo is true', 'FIFO keeps order');
  }
  if (processInParallel && skipGroupOnError) {
    fail(
      'processInParallel',
      true,
      'false when skipGroupOnError is true',
      'skipGroupOnError is for FIFO queues, which run in order; processInParallel is for standard queues',
    );
  }

  const onPermanentFailure = o.onPermanentFailure ?? d.onPermanentFailure;
  if (
    onPermanentFailure !== 'report' &&
    onPermanentFailure !== 'acknowledge' &&
    typeof onPermanentFailure !== 'function'
  ) {
    fail('onPermanentFailure', o.onPermanentFailure, "'report', 'acknowledge' or a function");
  }

  const skipWhenBreakerOpen = o.skipWhenBreakerOpen ?? d.skipWhenBreakerOpen;
  if (!Array.isArray(skipWhenBreakerOpen)) {
    fail('skipWhenBreakerOpen', o.skipWhenBreakerOpen, 'an array of dependencies');
  }
  skipWhenBreakerOpen.forEach((dep: unknown, i) => {
    if (
      typeof dep !== 'object' ||
      dep === null ||
      typeof (dep as { name?: unknown }).name !== 'string' ||
      !('state' in dep)
    ) {
      fail(`skipWhenBreakerOpen[${i}]`, dep, 'a dependency with a string `name` and a `state`');
    }
  });

  let deadline: NormalizedSqsOptions<TBody>['deadline'];
  if (o.deadline !== false) {
    if (o.deadline !== undefined && (typeof o.deadline !== 'object' || o.deadline === null)) {
      fail('deadline', o.deadline, 'an object or false');
    }
    const dl = readOptions(owner, o.deadline, DEADLINE_KEYS, 'deadline');
    deadline = {
      safetyMarginMs: duration('deadline.safetyMarginMs', dl.safetyMarginMs, d.deadline.safetyMarginMs),
      initialRecordEstimateMs: duration(
        'deadline.initialRecordEstimateMs',
        dl.initialRecordEstimateMs,
        d.deadline.initialRecordEstimateMs,
      ),
    };
  }

  let idempotency: NormalizedSqsOptions<TBody>['idempotency'];
  if (o.idempotency !== undefined) {
    const i = readOptions(owner, o.idempotency, IDEMPOTENCY_KEYS, 'idempotency');
    const store = i.persistenceStore;
    if (
      typeof store !== 'object' ||
      store === null ||
      typeof (store as { saveInProgress?: unknown }).saveInProgress !== 'function' ||
      typeof (store as { configure?: unknown }).configure !== 'function'
    ) {
      fail('idempotency.persistenceStore', store, 'a Powertools persistence layer (BasePersistenceLayer)');
    }
    const keyPrefix =
      i.keyPrefix ??
      (process.env.AWS_LAMBDA_FUNCTION_NAME
        ? `${process.env.AWS_LAMBDA_FUNCTION_NAME}.sqsRecord`
        : 'sqsRecord');
    if (typeof keyPrefix !== 'string' || keyPrefix.trim() === '') {
      fail('idempotency.keyPrefix', i.keyPrefix, 'a non-empty string');
    }
    const bodyKeyJmesPath = i.bodyKeyJmesPath;
    if (
      bodyKeyJmesPath !== undefined &&
      (typeof bodyKeyJmesPath !== 'string' || bodyKeyJmesPath.trim() === '')
    ) {
      fail('idempotency.bodyKeyJmesPath', bodyKeyJmesPath, 'a non-empty JMESPath string');
    }
    if (bodyKeyJmesPath !== undefined && body === 'text' && o.schema === undefined) {
      fail(
        'idempotency.bodyKeyJmesPath',
        bodyKeyJmesPath,
        "unset when body is 'text'",
        'there is no object to search',
      );
    }
    const expiresAfterSeconds = i.expiresAfterSeconds ?? d.idempotency.expiresAfterSeconds;
    if (
      // Stryker disable next-line ConditionalExpression: Number.isFinite refuses every non-number too; typeof narrows for tsc
      typeof expiresAfterSeconds !== 'number' ||
      !Number.isFinite(expiresAfterSeconds) ||
      expiresAfterSeconds <= 0
    ) {
      fail('idempotency.expiresAfterSeconds', i.expiresAfterSeconds, 'a finite number of seconds > 0');
    }
    idempotency = {
      persistenceStore: store as BasePersistenceLayer,
      keyPrefix: (keyPrefix as string).trim(),
      bodyKeyJmesPath: bodyKeyJmesPath as string | undefined,
      expiresAfterSeconds: expiresAfterSeconds as number,
      useLocalCache: optionalBoolean(
        'idempotency.useLocalCache',
        i.useLocalCache,
        d.idempotency.useLocalCache,
      ),
    };
  }

  if (o.logger !== undefined && !isLoggerLike(o.logger)) {
    fail('logger', o.logger, 'a logger with debug, info, warn and error methods (a Powertools Logger fits)');
  }
  const logger: LoggerLike = o.logger ?? new Logger();
  if (o.metrics !== undefined && typeof (o.metrics as { addMetric?: unknown }).addMetric !== 'function') {
    fail('metrics', o.metrics, 'a Powertools Metrics instance (with addMetric)');
  }
  if (o.classify !== undefined && typeof o.classify !== 'function')
    fail('classify', o.classify, 'a function');

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
