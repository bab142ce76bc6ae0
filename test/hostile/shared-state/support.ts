// Fixtures for the hostile shared-state suites: a recorder for unhandled rejections (a custom provider's
// garbage must never become one: Node exits on it), and a wait on real timers.
import { afterEach, beforeEach } from 'vitest';

/** Collects every unhandled rejection while a test runs. */
export function recordUnhandledRejections(): { readonly reasons: unknown[] } {
  const record = { reasons: [] as unknown[] };
  const listener = (reason: unknown): void => void record.reasons.push(reason);
  beforeEach(() => {
    record.reasons.length = 0;
    process.on('unhandledRejection', listener);
  });
  afterEach(() => {
    process.off('unhandledRejection', listener);
  });
  return record;
}

/** Lets pending promise callbacks and short timers run (unhandled rejections are reported after a turn). */
export function settle(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
