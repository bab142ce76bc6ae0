// The set-up every emulator conformance test shares: a real AWS SDK v3 client with fake credentials (requests
// arrive SigV4-signed, as in production) and one attempt, so a fault knob is seen once; and a call's rejection.

/** Fake credentials: the emulators never check signatures. */
export const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

/** A real SDK client of `region` that makes one attempt per call. */
export function sdkClient<C>(
  Client: new (config: { region: string; credentials: typeof credentials; maxAttempts: number }) => C,
  region = 'us-east-1',
): C {
  return new Client({ region, credentials, maxAttempts: 1 });
}

/** The error `promise` rejects with; a value fails the test. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error: unknown) {
    return error as Error;
  }
  throw new Error('expected a rejection, got a value');
}
