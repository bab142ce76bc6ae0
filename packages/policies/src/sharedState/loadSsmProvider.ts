// Loading the SSM client and Powertools parameters is the slow part of a cold start (hundreds of ms on a
// small Lambda). It happens on first use, started by ssmBreakerState() itself, so importing
// @bulwark/policies costs nothing for functions that never share breaker state, and a state created at
// module scope loads during Lambda's init phase.
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { NormalizedSsmBreakerStateOptions, ParameterReader } from './ssmBreakerStateOptions.js';

/**
 * The provider a state reads through: the one given, the one a given factory builds, or a Powertools
 * `SSMProvider` on the given or the shared default client. Rejects (never throws) when loading fails or
 * a factory answers something without `get()`.
 */
export function loadSsmProvider(o: NormalizedSsmBreakerStateOptions): Promise<ParameterReader> {
  const { provider } = o;
  if (provider === undefined) return defaultProvider(o.client);
  if (typeof provider !== 'function') return Promise.resolve(provider);
  return Promise.resolve()
    .then(() => provider())
    .then((built: unknown) => {
      if (typeof (built as { get?: unknown } | null)?.get !== 'function') {
        throw new TypeError(
          'ssmBreakerState: the provider function returned no provider (nothing with get())',
        );
      }
      return built as ParameterReader;
    });
}

let defaultClient: Promise<SSMClient> | undefined;

async function defaultProvider(client: SSMClient | undefined): Promise<SSMProvider> {
  const { SSMProvider } = await import('@aws-lambda-powertools/parameters/ssm');
  return new SSMProvider({ awsSdkV3Client: client ?? (await sharedDefaultClient()) });
}

function sharedDefaultClient(): Promise<SSMClient> {
  defaultClient ??= import('@aws-sdk/client-ssm').then(
    ({ SSMClient }) =>
      new SSMClient({
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 1000, requestTimeout: 2000, throwOnRequestTimeout: true },
      }),
  );
  return defaultClient;
}
