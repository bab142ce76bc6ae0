// Retry-After (RFC 9110 §10.2.3) is either delay-seconds or an HTTP-date. A dependency that says
// "come back tomorrow" must not park a Lambda for a day, so the result is clamped.

/**
 * The longest wait Bulwark takes from a `Retry-After` header unless told otherwise: two minutes.
 * A larger value is clamped to this, so one odd header cannot park a caller for hours.
 *
 * @example
 * ```ts
 * import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '@bulwark/errors';
 * parseRetryAfter('86400') === MAX_RETRY_AFTER_MS; // true
 * ```
 */
export const MAX_RETRY_AFTER_MS = 120_000;

const DELAY_SECONDS = /^\s*(\d+(?:\.\d+)?)\s*$/;
// All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) open with a day name.
const HTTP_DATE = /^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/i;

/**
 * Parses a `Retry-After` header value into milliseconds to wait.
 *
 * - delay-seconds (`"120"`, and the common non-standard `"1.5"`) -> seconds * 1000;
 * - an HTTP-date (`"Wed, 21 Oct 2026 07:28:00 GMT"`) -> the time from `nowMs` to that date, 0 when it is past;
 * - anything else (empty, negative, garbage) -> `undefined`.
 *
 * The result is clamped to `maxMs` (default {@link MAX_RETRY_AFTER_MS}).
 *
 * @param value - the header value, as `headers.get('retry-after')` returns it.
 * @param nowMs - the current time for HTTP-dates; defaults to `Date.now()` (inject it in tests).
 * @param maxMs - the clamp; defaults to {@link MAX_RETRY_AFTER_MS}.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from '@bulwark/errors';
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')); // 10000
 * parseRetryAfter('soon'); // undefined
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs?: number,
  maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const seconds = DELAY_SECONDS.exec(value);
  let ms: number | undefined;
  if (seconds?.[1] !== undefined) {
    ms = Math.ceil(Number(seconds[1]) * 1000);
  } else if (HTTP_DATE.test(value)) {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - (nowMs ?? Date.now()));
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return Math.min(ms, Math.max(0, maxMs));
}
