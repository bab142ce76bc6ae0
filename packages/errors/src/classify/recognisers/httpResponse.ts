// HTTP failures: a fetch Response, anything with a numeric `status`/`statusCode` and headers, and the
// errors of axios (`response.status`), got (`response.statusCode`) and ky (`response`, a Response).

import { isObjectLike, readHeader, readNumber, readProp, readString } from '../safeRead.js';
import type { Recogniser, RecogniserContext, Verdict } from '../Verdict.js';
import { statusVerdict } from './statusVerdict.js';

function statusOf(value: unknown): number | undefined {
  const status = readNumber(value, 'status') ?? readNumber(value, 'statusCode');
  if (status !== undefined) return status;
  // Some clients report the status as a string ('503').
  const text = readString(value, 'status') ?? readString(value, 'statusCode');
  return text !== undefined && /^\d{3}$/.test(text) ? Number(text) : undefined;
}

function fromResponse(response: unknown, context: RecogniserContext): Verdict | undefined {
  const status = statusOf(response);
  if (status === undefined) return undefined;
  const headers = readProp(response, 'headers');
  if (!isObjectLike(headers)) return undefined;
  return statusVerdict(status, readHeader(headers, 'retry-after'), context);
}

function isErrorShaped(node: unknown): boolean {
  return typeof readString(node, 'message') === 'string' && typeof readString(node, 'name') === 'string';
}

/**
 * The response itself (status + headers), an HTTP client's error carrying one in `response`, or an
 * Error with a bare numeric `status`/`statusCode` (http-errors, SDKs that copy the status up).
 */
export const recogniseHttpResponse: Recogniser = (node, context) => {
  const direct = fromResponse(node, context);
  if (direct !== undefined) return direct;
  const response = readProp(node, 'response');
  if (isObjectLike(response)) {
    const viaResponse = fromResponse(response, context);
    if (viaResponse !== undefined)
      return { ...viaResponse, code: readString(node, 'code') ?? viaResponse.code };
  }
  if (isErrorShaped(node)) {
    const status = statusOf(node);
    if (status !== undefined) return statusVerdict(status, undefined, context);
  }
  return undefined;
};
