// What our caller reads when a call fails: an RFC 9457 body built from the classification alone.

import type { Classification } from '../Classification.js';
import { classify } from '../classify/classify.js';
import type { Classifier } from '../classify/createClassifier.js';
import { optionError } from '../options/optionError.js';
import { readOptions } from '../options/readOptions.js';
import type { ProblemDetails } from './ProblemDetails.js';
import { statusTitle } from './statusTitle.js';

/**
 * Options for {@link toProblemDetails}.
 *
 * @example
 * ```ts
 * import { toProblemDetails } from '@bulwark/errors';
 * toProblemDetails(error, { instance: `urn:request:${requestId}`, typeBase: 'https://errors.example.com/' });
 * ```
 */
export interface ProblemDetailsOptions {
  /**
   * A URI for this occurrence, such as `urn:request:<id>`.
   * @defaultValue none
   */
  readonly instance?: string;
  /**
   * A base URI: `type` becomes `typeBase + reason` (`https://errors.example.com/throttled`).
   * @defaultValue none: `type` is `about:blank`, as RFC 9457 §4.2.1 suggests when there is no type page
   */
  readonly typeBase?: string;
  /**
   * The classifier to use (from `createClassifier`), or a classification made already.
   * @defaultValue `classify`
   */
  readonly classifier?: Classifier;
}

/**
 * The default option values of {@link toProblemDetails}.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROBLEM_DETAILS_OPTIONS } from '@bulwark/errors';
 * DEFAULT_PROBLEM_DETAILS_OPTIONS.classifier; // classify
 * ```
 */
export const DEFAULT_PROBLEM_DETAILS_OPTIONS = {
  classifier: classify,
} as const satisfies ProblemDetailsOptions;

const DETAIL: Readonly<Record<string, string>> = {
  'transient/timeout': 'A dependency did not answer in time; try again later.',
  'transient/throttled': 'A dependency is throttling requests; try again later.',
  transient: 'A dependency failed; try again later.',
  'dependency-down/bulkhead-full': 'Too many requests are in flight; try again later.',
  'dependency-down': 'A dependency is unavailable; try again later.',
  'permanent/invalid-input': 'The request failed validation.',
  'permanent/not-found': 'The requested resource was not found.',
  'permanent/conflict': 'The request conflicts with the current state of the resource.',
  'permanent/bad-request': 'The request could not be processed.',
  'permanent/tls': 'A dependency could not be reached securely.',
  'permanent/credentials': 'The service could not authenticate to a dependency.',
  permanent: 'The request could not be completed.',
  cancelled: 'The request was cancelled.',
};

/**
 * An RFC 9457 problem details body for `error`. Send it with status `body.status`, content type
 * {@link PROBLEM_JSON_CONTENT_TYPE}, and `Retry-After: body.retryAfter` when present. The body never
 * carries a stack, the upstream body or message, header values, or the dependency's name.
 *
 * @example
 * ```ts
 * import { toProblemDetails } from '@bulwark/errors';
 * const body = toProblemDetails(new Response(null, { status: 429, headers: { 'retry-after': '3' } }));
 * // { type: 'about:blank', title: 'Service Unavailable', status: 503,
 * //   detail: 'A dependency is throttling requests; try again later.', retryAfter: 3,
 * //   reason: 'throttled', kind: 'transient' }
 * ```
 */
export function toProblemDetails(error: unknown, options?: ProblemDetailsOptions): ProblemDetails {
  const o = checkOptions(options);
  const classifier = o.classifier ?? DEFAULT_PROBLEM_DETAILS_OPTIONS.classifier;
  const c: Classification = classifier(error);
  const detail = DETAIL[`${c.kind}/${c.reason}`] ?? DETAIL[c.kind] ?? 'The request could not be completed.';
  return {
    type: o.typeBase === undefined ? 'about:blank' : `${o.typeBase}${c.reason}`,
    title: statusTitle(c.httpStatus),
    status: c.httpStatus,
    detail,
    ...(o.instance === undefined ? {} : { instance: o.instance }),
    ...(c.retryAfterMs === undefined ? {} : { retryAfter: Math.ceil(c.retryAfterMs / 1000) }),
    reason: c.reason,
    kind: c.kind,
  };
}

const KNOWN = ['instance', 'typeBase', 'classifier'];

/** The caller's options are code, not input: a typo is a TypeError (nearest valid name), never ignored. */
function checkOptions(options: ProblemDetailsOptions | undefined): ProblemDetailsOptions {
  const o = readOptions('toProblemDetails', options, KNOWN);
  for (const field of ['instance', 'typeBase'] as const) {
    if (o[field] !== undefined && typeof o[field] !== 'string') {
      throw optionError('toProblemDetails', field, o[field], 'a string');
    }
  }
  if (o.classifier !== undefined && typeof o.classifier !== 'function') {
    throw optionError('toProblemDetails', 'classifier', o.classifier, 'a function (from createClassifier)');
  }
  return o as ProblemDetailsOptions;
}
