// The arrange-act step every hostile options suite shares: build with a bad option and read the TypeError.
import { expect } from 'vitest';

/** The message of the TypeError `make` throws; anything else thrown, or nothing, fails the test. */
export function messageOf(make: () => unknown): string {
  try {
    make();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}

/** {@link messageOf} for a `make` that may refuse asynchronously (a server that validates as it starts). */
export async function messageOfAsync(make: () => unknown): Promise<string> {
  try {
    await make();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}
