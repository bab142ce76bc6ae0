// The request handler every operations command gives its AWS SDK client. Without it, a connection that is
// accepted and never answered hangs the command forever: the SDK has no request timeout by default, and its
// requestTimeout only warns unless throwOnRequestTimeout is set.

/** The connection may take at most this long (or the whole --timeout when it is shorter). */
const CONNECTION_TIMEOUT_MS = 3_000;

/**
 * Connection and request timeouts for one request of `timeoutMs`, thrown as `TimeoutError`.
 * @example
 * new SQSClient({ requestHandler: boundedRequestHandler(5_000) });
 */
export function boundedRequestHandler(timeoutMs: number) {
  return {
    connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, timeoutMs),
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  };
}

/** The client's region, or undefined when neither --region, the environment nor a profile gives one. */
export async function resolveRegion(client: {
  config: { region: () => Promise<string> };
}): Promise<string | undefined> {
  try {
    return await client.config.region();
  } catch (error: unknown) {
    // The SDK's error for this case is a plain Error with this message; anything else is reported as it is.
    if (error instanceof Error && error.message === 'Region is missing') return undefined;
    throw error;
  }
}

/** The longest `--timeout`: an operator waiting longer than this for one request has a network problem. */
export const MAX_TIMEOUT_SECONDS = 300;
/** The default per-request timeout of the operations commands, in seconds (`--timeout`). */
export const DEFAULT_TIMEOUT_SECONDS = 5;

/**
 * Reads `--timeout <seconds>` (a positive number, at most {@link MAX_TIMEOUT_SECONDS}) into ms, or throws a
 * message for a usage error.
 * @example
 * parseTimeoutSeconds('2.5'); // 2500
 */
export function parseTimeoutSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new TypeError(
      `--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, got ${JSON.stringify(text)}`,
    );
  }
  return Math.ceil(seconds * 1000);
}
