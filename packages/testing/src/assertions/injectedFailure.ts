import { TransientError } from '@bulwark/errors';

/** The failure assertions inject by default: what a dependency answering 503 looks like. */
export function injectedFailure(): TransientError {
  return new TransientError('injected failure (503)', { status: 503, dependency: 'injected' });
}

/**
 * The thrower behind an assertion's `error` option: a function is called for a fresh failure per attempt,
 * any other value is thrown as it is, and none (undefined or null) throws {@link injectedFailure}.
 */
export function failureMaker(error: unknown): () => unknown {
  if (typeof error === 'function') return error as () => unknown;
  return error === undefined || error === null ? injectedFailure : () => error;
}
