// The 'beforeExit' listener keepAlive registers, from a fresh module in each test: the module registers
// it once, on its first call, so the static import in keepAlive.test.ts runs that code in only one test
// (and per-test coverage would hand the listener's mutants to that test alone). Each test here imports
// its own copy and removes the listener it added.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type KeepAlive = typeof import('./keepAlive.js');

const exiting = () => process.emit('beforeExit', 0);

async function freshKeepAlive(): Promise<KeepAlive> {
  vi.resetModules();
  return import('./keepAlive.js');
}

describe('keepAlive: the beforeExit listener', () => {
  let before: unknown[];
  let module: KeepAlive | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    before = process.listeners('beforeExit');
  });
  afterEach(() => {
    while (module !== undefined && module.callsInFlight() > 0) module.callEnded();
    module = undefined;
    for (const listener of process.listeners('beforeExit')) {
      if (!before.includes(listener)) process.off('beforeExit', listener as () => void);
    }
    vi.useRealTimers();
  });

  it("the first call registers one 'beforeExit' listener; later calls add none (no listener leak)", async () => {
    // Prepare
    module = await freshKeepAlive();
    const base = process.listenerCount('beforeExit');
    // Act
    module.callStarted();
    const afterFirst = process.listenerCount('beforeExit');
    module.callEnded();
    for (let i = 0; i < 3; i++) module.callStarted();
    // Assess
    expect([afterFirst - base, process.listenerCount('beforeExit') - base]).toEqual([1, 1]);
  });

  it("a fresh module's first call in flight is held on 'beforeExit' by one ref'd timer", async () => {
    // Prepare
    module = await freshKeepAlive();
    module.callStarted();
    // Act
    exiting();
    // Assess
    expect(vi.getTimerCount()).toBe(1);
    module.callEnded();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a runtime whose process has no on() (an edge runtime shim): calls still start, nothing is held', async () => {
    // Prepare
    module = await freshKeepAlive();
    const on = process.on;
    const base = process.listenerCount('beforeExit');
    // Act
    Reflect.set(process, 'on', undefined);
    let thrown: unknown;
    try {
      module.callStarted();
    } catch (error) {
      thrown = error;
    } finally {
      Reflect.set(process, 'on', on);
    }
    // Assess
    expect(thrown).toBeUndefined();
    expect(module.callsInFlight()).toBe(1);
    expect(process.listenerCount('beforeExit')).toBe(base);
  });

  it('a runtime with no process global at all: calls still start', async () => {
    // Prepare
    module = await freshKeepAlive();
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'process');
    // Act
    let thrown: unknown;
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
    try {
      module.callStarted();
    } catch (error) {
      thrown = error;
    } finally {
      if (descriptor !== undefined) Object.defineProperty(globalThis, 'process', descriptor);
    }
    // Assess
    expect(thrown).toBeUndefined();
    expect(module.callsInFlight()).toBe(1);
  });
});
