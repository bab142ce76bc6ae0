// The per-call helpers: a refusal that rejects one microtask later (handled, so never "unhandled"), a
// wait cut short by the caller's signal, and listeners removed when the call ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Interrupted } from '../timeout/runAttempt.js';
import { type CallRun, listen, rejectSoon, sleep, stackless } from './call.js';

const newCall = (): CallRun => ({ interrupt: undefined, stopped: undefined, unlisten: undefined });

describe('pipeline/call', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejectSoon rejects with the error once a handler is attached', async () => {
    const error = new Error('refused');
    await expect(rejectSoon(error)).rejects.toBe(error);
  });

  it('stackless builds an error without a stack and restores the limit', () => {
    const before = Error.stackTraceLimit;
    const error = stackless(() => new Error('fast'));
    expect(error.stack).toBe('Error: fast');
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("sleep ends early with an Interrupted when the caller's signal fires", async () => {
    // Prepare
    const call = newCall();
    const controller = new AbortController();
    listen(call, controller.signal, undefined);
    const waited = sleep(10_000, call).catch((e: unknown) => e);
    // Act
    controller.abort('left');
    // Assert
    const why = (await waited) as Interrupted;
    expect(why).toBeInstanceOf(Interrupted);
    expect([why.kind, why.reason]).toEqual(['cancel', 'left']);
  });

  it('a deadline signal interrupts as a deadline; unlisten removes every listener', async () => {
    // Prepare
    const call = newCall();
    const deadline = new AbortController();
    listen(call, undefined, [deadline.signal]);
    call.unlisten?.();
    // Act
    deadline.abort();
    // Assert: nobody listened any more
    expect(call.stopped).toBeUndefined();
    const second = newCall();
    const d2 = new AbortController();
    listen(second, undefined, [d2.signal]);
    d2.abort();
    expect(second.stopped?.kind).toBe('deadline');
  });

  it("the first signal to fire wins: a deadline firing in the same tick as the caller's cancel changes nothing", () => {
    // Prepare: a deadline signal that follows the caller's (AbortSignal.any fires both in one tick).
    const call = newCall();
    const interrupt = vi.fn();
    call.interrupt = interrupt;
    const caller = new AbortController();
    const deadline = new AbortController();
    listen(call, caller.signal, [deadline.signal]);
    // Act
    caller.abort('left');
    deadline.abort('invocation ending');
    // Assess
    expect([call.stopped?.kind, call.stopped?.reason]).toEqual(['cancel', 'left']);
    expect(interrupt).toHaveBeenCalledTimes(1);
  });

  it('sleep resolves after its time', async () => {
    const call = newCall();
    const waited = sleep(100, call);
    await vi.advanceTimersByTimeAsync(100);
    await expect(waited).resolves.toBeUndefined();
  });
});
