import { Logger } from '@aws-lambda-powertools/logger';
import { type Classification, classify } from '@bulwark/errors';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import { isStandardSchema } from '../schema/validate.js';
import { DEFAULT_HTTP_HANDLER_OPTIONS, type HttpHandlerOptions } from './HttpHandlerOptions.js';

export interface NormalizedHttpOptions<TBody> {
  readonly body: 'json' | 'text';
  readonly schema: StandardSchemaV1<unknown, TBody> | undefined;
  readonly correlationIdHeader: string;
  readonly typeBase: string | undefined;
  readonly safetyMarginMs: number | undefined;
  readonly logger: Logger;
  readonly classify: (error: unknown) => Classification;
}

// RFC 9110 token characters: what a header name may be.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const show = (value: unknown): string => {
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

const fail = (field: string, expected: string, value: unknown): never => {
  throw new TypeError(`httpHandler: options.${field} must be ${expected}; got ${show(value)}.`);
};

export function normalizeHttpOptions<TBody>(
  options: HttpHandlerOptions<TBody> | undefined,
  who = 'httpHandler',
): NormalizedHttpOptions<TBody> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${who}: options must be an object; got ${show(options)}.`);
  }
  const o: HttpHandlerOptions<TBody> = options ?? {};
  const d = DEFAULT_HTTP_HANDLER_OPTIONS;
  const body = o.body ?? d.body;
  if (body !== 'json' && body !== 'text') fail('body', "'json' or 'text'", o.body);
  if (o.schema !== undefined && !isStandardSchema(o.schema)) {
    fail('schema', "a Standard Schema (an object with a '~standard' validate function)", o.schema);
  }
  const header = o.correlationIdHeader ?? d.correlationIdHeader;
  if (typeof header !== 'string' || !TOKEN.test(header)) {
    fail('correlationIdHeader', 'a header name', o.correlationIdHeader);
  }
  if (o.typeBase !== undefined && (typeof o.typeBase !== 'string' || o.typeBase === '')) {
    fail('typeBase', 'a non-empty URI string', o.typeBase);
  }
  let safetyMarginMs: number | undefined;
  if (o.deadline !== false) {
    const dl = o.deadline ?? d.deadline;
    if (typeof dl !== 'object' || dl === null) fail('deadline', 'an object or false', o.deadline);
    const margin = dl.safetyMarginMs ?? d.deadline.safetyMarginMs;
    if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
      fail('deadline.safetyMarginMs', 'a finite number >= 0', dl.safetyMarginMs);
    }
    safetyMarginMs = margin;
  }
  const logger = o.logger ?? new Logger();
  if (typeof logger.createChild !== 'function' || typeof logger.info !== 'function') {
    fail('logger', 'a Powertools Logger', o.logger);
  }
  if (o.classify !== undefined && typeof o.classify !== 'function')
    fail('classify', 'a function', o.classify);
  return {
    body,
    schema: o.schema,
    correlationIdHeader: header.toLowerCase(),
    typeBase: o.typeBase,
    safetyMarginMs,
    logger,
    classify: o.classify ?? classify,
  };
}
