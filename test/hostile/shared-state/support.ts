// Fixtures for the hostile shared-state suites: the SSM emulator and a local dependency every suite arranges
// the same way, a recorder for unhandled rejections (a custom provider's garbage must never become one: Node
// exits on it), and a wait on real timers.
import { type SsmEmulator, ssmEmulator, useMswServer } from '@bulwark/testing';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type LocalDependency, startLocalDependency } from '../../shared-state/support.js';

/** An SSM emulator on msw and a local dependency (started once), both reset before each test. */
export function useEmulatedFleet(): { readonly ssm: SsmEmulator; readonly dependency: LocalDependency } {
  const ssm = ssmEmulator();
  useMswServer(...ssm.handlers);
  let dependency: LocalDependency | undefined;
  beforeAll(async () => {
    dependency = await startLocalDependency();
  });
  afterAll(() => dependency?.close());
  beforeEach(() => {
    ssm.reset();
    dependency?.hits.clear();
  });
  return {
    ssm,
    get dependency() {
      if (dependency === undefined) throw new Error('the local dependency starts in beforeAll');
      return dependency;
    },
  };
}

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
