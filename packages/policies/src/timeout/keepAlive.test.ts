// The keep-alive in process: the count of calls in flight, and the one ref'd timer a 'beforeExit' with
// calls in flight arms (never with none, never twice), cleared when the last call ends. The real exit
// behaviour runs in child processes in test/hostile/policies/keepAlive.test.ts; Stryker's mutants do not
// reach a child process, so this pins the same logic where they do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callEnded, callStarted, callsInFlight } from './keepAlive.js';

const exiting = () => process.emit('beforeExit', 0);

describe('keepAlive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    while (callsInFlight() > 0) callEnded();
    vi.useRealTimers();
  });

  it('counts calls in flight', () => {
    const base = callsInFlight();
    callStarted();
    callStarted();
    expect(callsInFlight()).toBe(base + 2);
    callEnded();
    expect(callsInFlight()).toBe(base + 1);
    callEnded();
    expect(callsInFlight()).toBe(base);
  });

  it("'beforeExit' with a call in flight arms one timer, once; the last call's end clears it", () => {
    // Prepare
    expect(callsInFlight()).toBe(0);
    callStarted();
    callStarted();
    // Act + Assess
    expect(vi.getTimerCount()).toBe(0);
    exiting();
    expect(vi.getTimerCount()).toBe(1);
    exiting();
    expect(vi.getTimerCount()).toBe(1);
    callEnded();
    expect(vi.getTimerCount()).toBe(1);
    callEnded();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("'beforeExit' with no call in flight arms nothing (an idle process is never held)", () => {
    callStarted();
    callEnded();
    exiting();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the timer holds for the longest Node timer, then the next beforeExit arms another', () => {
    // Prepare
    callStarted();
    exiting();
    // Act
    vi.advanceTimersByTime(2_147_483_646);
    const before = vi.getTimerCount();
    vi.advanceTimersByTime(1);
    const after = vi.getTimerCount();
    exiting();
    // Assess
    expect([before, after, vi.getTimerCount()]).toEqual([1, 0, 1]);
  });
});
