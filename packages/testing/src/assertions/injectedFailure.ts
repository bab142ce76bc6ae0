import { TransientError } from '@bulwark/errors';

/** The failure assertions inject by default: what a dependency answering 503 looks like. */
export function injectedFailure(): TransientError {
  return new TransientError('injected failure (503)', { status: 503, dependency: 'injected' });
}
