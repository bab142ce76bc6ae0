// Teach the classifier one vendor without forking the defaults: its rules run first, on every link
// of the error chain; everything else falls through to Bulwark's recognisers.
import { type ClassifierRule, createClassifier } from '@bulwark/errors';

/** The vendor answers 200 with `{ "error": { "code": "RATE_LIMITED", "retry_in": 4 } }`. */
export class VendorApiError extends Error {
  override name = 'VendorApiError';
  readonly vendorCode: string;
  readonly retryInSeconds: number | undefined;
  constructor(vendorCode: string, retryInSeconds?: number) {
    super(`vendor error ${vendorCode}`);
    this.vendorCode = vendorCode;
    this.retryInSeconds = retryInSeconds;
  }
}

const isVendor = (code: string) => (error: unknown) =>
  error instanceof VendorApiError && error.vendorCode === code;

const rules: ClassifierRule[] = [
  {
    name: 'vendor rate limit',
    match: isVendor('RATE_LIMITED'),
    kind: 'transient',
    reason: 'throttled',
    retryAfterMs: (error) => ((error as VendorApiError).retryInSeconds ?? 1) * 1_000,
  },
  {
    name: 'vendor says the account is closed',
    match: isVendor('ACCOUNT_CLOSED'),
    kind: 'permanent',
    reason: 'not-found',
  },
];

export const classifyVendor = createClassifier(rules, { maxRetryAfterMs: 30_000 });

// classifyVendor(new VendorApiError('RATE_LIMITED', 4)) -> transient, throttled, retryAfterMs 4000, httpStatus 503
// classifyVendor(new TypeError('fetch failed', { cause })) -> the defaults, as `classify` would say
