// The one shape every Bulwark log line gives an error. Powertools Logger (and most loggers) write every
// enumerable property of an error they are handed: an axios error's `config.headers.Authorization`, an
// AWS SDK error's `$response` with its `x-amz-security-token`, a body. So no raw error is ever handed to
// a logger: this picks the fields worth reading, redacts the text, and bounds everything.

import type { Classification, ErrorKindName, FailureReasonName } from '../Classification.js';
import { classify } from '../classify/classify.js';
import { isObjectLike, readProp, readString } from '../classify/safeRead.js';
import { walkChain } from '../classify/walkChain.js';
import { describeValue } from '../describeValue.js';
import { redactText } from './redactText.js';

/**
 * An error as Bulwark logs it: safe to write anywhere.
 *
 * @example
 * ```ts
 * import type { SerializedError } from '@bulwark/errors';
 * const line: SerializedError = { name: 'TypeError', message: 'fetch failed', kind: 'transient',
 *   reason: 'network', retryable: true, cause: [{ name: 'Error', code: 'ECONNRESET' }] };
 * ```
 */
export interface SerializedError {
  readonly name: string;
  /** Redacted (no query strings, credentials or control characters), at most 1,000 characters. */
  readonly message: string;
  readonly code?: string;
  /** Redacted like the message, at most 4,000 characters. */
  readonly stack?: string;
  readonly kind: ErrorKindName;
  readonly reason: FailureReasonName;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly dependency?: string;
  /** Names and codes of the cause chain below the error, outermost first, at most 8. */
  readonly cause?: readonly { readonly name: string; readonly code?: string }[];
}

/**
 * Options of {@link serializeError}.
 *
 * @example
 * ```ts
 * import { type SerializeErrorOptions, classify, serializeError } from '@bulwark/errors';
 * const options: SerializeErrorOptions = { stack: false, classification: classify(error) };
 * serializeError(error, options);
 * ```
 */
export interface SerializeErrorOptions {
  /** Include the (redacted) stack. @defaultValue true */
  readonly stack?: boolean;
  /** A classification already made for this error, so it is not classified twice. */
  readonly classification?: Classification;
}

const MAX_MESSAGE = 1_000;
const MAX_STACK = 4_000;
const MAX_NAME = 100;
const MAX_CAUSES = 8;

/**
 * Turns anything thrown into a {@link SerializedError}: the name, a redacted message, the code, a
 * redacted stack, the classification's fields and the names/codes of the cause chain. Never headers,
 * config, request or response objects, or bodies. Never throws (cycles, Proxies, revoked Proxies,
 * throwing getters and `toJSON` included). Users who want the raw error log it themselves.
 *
 * @example
 * ```ts
 * import { serializeError } from '@bulwark/errors';
 * logger.error('charge failed', { error: serializeError(error) });
 * ```
 */
export function serializeError(error: unknown, options: SerializeErrorOptions = {}): SerializedError {
  const verdict = options.classification ?? classify(error);
  const object = isObjectLike(error);
  const name = object ? cleanName(readString(error, 'name')) : 'NonError';
  const rawMessage = object
    ? readString(error, 'message')
    : `a non-Error value was thrown: ${describeValue(error)}`;
  const code = object ? cleanCode(readProp(error, 'code')) : undefined;
  const rawStack = object && options.stack !== false ? readString(error, 'stack') : undefined;
  const causes = object ? causeChain(error) : [];
  return {
    name,
    message: redactText(rawMessage ?? '', MAX_MESSAGE),
    ...(code === undefined ? {} : { code }),
    ...(rawStack === undefined ? {} : { stack: redactText(rawStack, MAX_STACK, { multiline: true }) }),
    kind: verdict.kind,
    reason: verdict.reason,
    retryable: verdict.retryable,
    ...(verdict.status === undefined ? {} : { status: verdict.status }),
    ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }),
    ...(verdict.dependency === undefined ? {} : { dependency: redactText(verdict.dependency, MAX_NAME) }),
    ...(causes.length === 0 ? {} : { cause: causes }),
  };
}

function cleanName(name: string | undefined): string {
  if (name === undefined || name === '') return 'Error';
  return redactText(name, MAX_NAME);
}

function cleanCode(code: unknown): string | undefined {
  if (typeof code === 'number' && Number.isFinite(code)) return String(code);
  if (typeof code !== 'string' || code === '') return undefined;
  return redactText(code, MAX_NAME);
}

function causeChain(error: object): { name: string; code?: string }[] {
  const links = walkChain(error).slice(1, MAX_CAUSES + 1);
  return links.map((link) => {
    if (!isObjectLike(link)) return { name: 'NonError' };
    const code = cleanCode(readProp(link, 'code'));
    const name = cleanName(readString(link, 'name'));
    return code === undefined ? { name } : { name, code };
  });
}
