// Turns HttpHandlerOptions into the form the exchange uses; every options object is read once through
// readOptions, so a typo (`correlationHeader`) is a TypeError naming the nearest valid key.

import { Logger } from '@aws-lambda-powertools/logger';
import {
  type Classification,
  classify,
  MAX_RETRY_AFTER_MS,
  MAX_TIMER_MS,
  optionError,
  readOptions,
} from '@bulwark/errors';
import { isLoggerLike, type LoggerLike } from '../internal/LoggerLike.js';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import { isStandardSchema } from '../schema/validate.js';
import { type BreakerWatch, watchBreakers } from './breakerWatch.js';
import {
  DEFAULT_HTTP_HANDLER_OPTIONS,
  type HttpBreakerDependency,
  type HttpHandlerOptions,
} from './HttpHandlerOptions.js';

export interface NormalizedHttpOptions<TBody> {
  readonly body: 'json' | 'text';
  /** The schema for a method (upper case), and whether a request without a body skips it. */
  schemaFor(method: string, hasBody: boolean): StandardSchemaV1<unknown, TBody> | undefined;
  readonly correlationIdHeader: string;
  readonly typeBase: string | undefined;
  readonly safetyMarginMs: number | undefined;
  readonly logger: LoggerLike;
  readonly classify: (error: unknown) => Classification;
  readonly defaultRetryAfterMs: number;
  readonly dependencies: readonly HttpBreakerDependency[];
  /** The open breaker behind a failure, if a listed dependency's breaker is open (see breakerWatch.ts). */
  readonly openBreakerFor: BreakerWatch;
}

// RFC 9110 token characters: what a header name (and a method) may be.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const KEYS = [
  'body',
  'schema',
  'correlationIdHeader',
  'typeBase',
  'deadline',
  'logger',
  'classify',
  'defaultRetryAfterSeconds',
  'dependencies',
] as const;
// Number.isFinite and Number.isInteger refuse every non-number already; these tell TypeScript so (a
// `typeof x !== 'number'` beside them would be a check no input can reach).
const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value);
const isInteger = (value: unknown): value is number => Number.isInteger(value);
// Methods that carry no body by convention: a single schema is not applied to them when no body came.
const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

export function normalizeHttpOptions<TBody>(
  options: HttpHandlerOptions<TBody> | undefined,
  owner = 'httpHandler',
): NormalizedHttpOptions<TBody> {
  const o = readOptions(owner, options, KEYS) as HttpHandlerOptions<TBody>;
  const d = DEFAULT_HTTP_HANDLER_OPTIONS;
  const fail = (field: string, value: unknown, rule: string, fix?: string): never => {
    throw optionError(owner, field, value, rule, fix);
  };
  const body = o.body ?? d.body;
  if (body !== 'json' && body !== 'text') fail('body', o.body, "'json' or 'text'");

  let schemaFor: NormalizedHttpOptions<TBody>['schemaFor'] = () => undefined;
  if (isStandardSchema(o.schema)) {
    const schema = o.schema as StandardSchemaV1<unknown, TBody>;
    schemaFor = (method, hasBody) => (hasBody || !BODILESS.has(method) ? schema : undefined);
  } else if (o.schema !== undefined) {
    let entries: [string, unknown][] = [];
    try {
      if (typeof o.schema === 'object' && o.schema !== null) entries = Object.entries(o.schema);
    } catch {
      fail('schema', o.schema, 'an object that can be read (a Proxy or a getter threw)');
    }
    const table = new Map<string, StandardSchemaV1<unknown, TBody>>();
    for (const [method, schema] of entries) {
      if (!TOKEN.test(method) || method !== method.toUpperCase()) {
        fail(`schema.${method}`, method, 'an upper-case HTTP method name', 'write { POST: schema }');
      }
      if (!isStandardSchema(schema)) {
        fail(
          `schema.${method}`,
          schema,
          "a Standard Schema (an object with a '~standard' validate function)",
        );
      }
      table.set(method, schema as StandardSchemaV1<unknown, TBody>);
    }
    if (table.size === 0) {
      fail('schema', o.schema, 'a Standard Schema or an object of them by method ({ POST: schema })');
    }
    schemaFor = (method) => table.get(method);
  }

  const header = o.correlationIdHeader ?? d.correlationIdHeader;
  if (typeof header !== 'string' || !TOKEN.test(header)) {
    fail('correlationIdHeader', o.correlationIdHeader, 'a header name');
  }
  if (o.typeBase !== undefined && (typeof o.typeBase !== 'string' || o.typeBase === '')) {
    fail('typeBase', o.typeBase, 'a non-empty URI string');
  }
  let safetyMarginMs: number | undefined;
  if (o.deadline !== false) {
    if (o.deadline !== undefined && (typeof o.deadline !== 'object' || o.deadline === null)) {
      fail('deadline', o.deadline, 'an object or false');
    }
    const dl = readOptions(owner, o.deadline, ['safetyMarginMs'], 'deadline');
    const margin = dl.safetyMarginMs ?? d.deadline.safetyMarginMs;
    if (!isFiniteNumber(margin) || margin < 0 || margin > MAX_TIMER_MS) {
      fail('deadline.safetyMarginMs', dl.safetyMarginMs, `a number of ms between 0 and ${MAX_TIMER_MS}`);
    }
    safetyMarginMs = margin as number;
  }
  const retryAfter = o.defaultRetryAfterSeconds ?? d.defaultRetryAfterSeconds;
  const maxSeconds = MAX_RETRY_AFTER_MS / 1000;
  if (!isInteger(retryAfter) || retryAfter < 1 || retryAfter > maxSeconds) {
    fail('defaultRetryAfterSeconds', o.defaultRetryAfterSeconds, `an integer between 1 and ${maxSeconds}`);
  }
  const dependencies = o.dependencies ?? d.dependencies;
  if (!Array.isArray(dependencies)) fail('dependencies', o.dependencies, 'an array of dependencies');
  dependencies.forEach((dep: unknown, i) => {
    if (
      typeof dep !== 'object' ||
      dep === null ||
      typeof (dep as { name?: unknown }).name !== 'string' ||
      !('state' in dep)
    ) {
      fail(`dependencies[${i}]`, dep, 'a dependency with a string `name` and a `state` (wrapDependency)');
    }
  });
  if (o.logger !== undefined && !isLoggerLike(o.logger)) {
    fail('logger', o.logger, 'a logger with debug, info, warn and error methods (a Powertools Logger fits)');
  }
  const logger: LoggerLike = o.logger ?? new Logger();
  if (o.classify !== undefined && typeof o.classify !== 'function')
    fail('classify', o.classify, 'a function');
  return {
    body,
    schemaFor,
    correlationIdHeader: (header as string).toLowerCase(),
    typeBase: o.typeBase,
    safetyMarginMs,
    logger,
    classify: o.classify ?? classify,
    defaultRetryAfterMs: (retryAfter as number) * 1000,
    dependencies,
    openBreakerFor: watchBreakers(dependencies),
  };
}
