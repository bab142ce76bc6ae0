// The SDK retry strategy a protected client runs with: one request per send, so each of the dependency's
// attempts is exactly one HTTP request. @smithy's retry middleware reads `config.retryStrategy()` and
// `config.maxAttempts()` on every send; a strategy whose refresh refuses makes it throw the first error
// as it is (with `$metadata.attempts = 1`), and acquiring a token costs nothing: no retry quota, no
// adaptive rate limiter, no backoff sleep.

/** The token @smithy's `RetryStrategyV2` hands around; this one never allows a retry. */
const TOKEN = Object.freeze({
  getRetryCount: (): number => 0,
  getRetryDelay: (): number => 0,
});

/** A `RetryStrategyV2` (structurally) that never retries. */
export const NO_RETRY_STRATEGY = Object.freeze({
  mode: 'bulwark-no-retry',
  acquireInitialRetryToken: (): Promise<typeof TOKEN> => Promise.resolve(TOKEN),
  refreshRetryTokenForRetry: (_token: unknown, info: { readonly error?: unknown }): Promise<never> =>
    Promise.reject(info?.error),
  recordSuccess: (): void => undefined,
});

const strategyProvider = (): Promise<typeof NO_RETRY_STRATEGY> => Promise.resolve(NO_RETRY_STRATEGY);
const oneAttempt = (): Promise<number> => Promise.resolve(1);

/** Points the client's retry configuration at the no-retry strategy (whatever it was built with). */
export function disableSdkRetries(config: object): void {
  Object.assign(config, { retryStrategy: strategyProvider, maxAttempts: oneAttempt });
}
