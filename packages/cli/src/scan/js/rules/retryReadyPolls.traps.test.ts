// One trap per branch of readyPollSite that keeps a loop silent: each goes red when its branch is removed.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { readyPollSite } from './retryReadyPolls.js';

/** For each while/do-while of `source`, in source order: is it reported as an unbounded ready-poll? */
function polls(source: string): boolean[] {
  const ctx = contextOf(source);
  const loops = [...ctx.of('WhileStatement'), ...ctx.of('DoWhileStatement')].sort(
    (a, b) => a.start - b.start,
  );
  return loops.map((loop) => readyPollSite(ctx, loop)?.unbounded !== undefined);
}

describe('readyPollSite traps', () => {
  it('leaves a loop that also exits on a named failure state (the running-state wait)', () => {
    expect(
      polls(`async function a() { let s; while (s !== 'SUCCEEDED') { s = (await get()).status;
        if (['FAILED', 'CANCELLED', 'TIMED_OUT'].includes(s)) throw new Error(s); await sleep(1000); } }`),
    ).toEqual([false]);
    expect(
      polls(`async function b() { let done = false; while (!done) { const r = await get();
        switch (r.state) { case 'SUCCESS': done = true; break; case 'ERROR': throw new Error('x');
        case 'CANCELLED': throw new Error('y'); default: await sleep(500); } } }`),
    ).toEqual([false]);
  });

  it('leaves a loop that leaves on every state but the running ones, joined by &&', () => {
    expect(
      polls(`async function c() { let r; while (!r || !r.arn) { r = await get();
        if (r.status !== 'RUNNING' && r.status !== 'PENDING') break; await sleep(1000); } }`),
    ).toEqual([false]);
  });

  it('leaves a loop bounded by a counter in the body, a clock, a deadline or an abort signal', () => {
    const shapes = [
      `if (++i > 30) throw new Error('late');`,
      `if (waits++ > maxWait) throw new Error('late');`,
      `waited += 500; if (waited > 60000) throw new Error('late');`,
      `if (new Date() > deadline) throw new Error('late');`,
      `signal.throwIfAborted();`,
      `if (tries > 5) throw new Error('late'); tries += 1;`,
    ];
    for (const bound of shapes)
      expect(
        polls(`async function d() { let j; let i = 0; let waits = 0; let waited = 0; let tries = 0;
          while (!j) { ${bound} await sleep(500); j = await get(); } }`),
        bound,
      ).toEqual([false]);
  });

  it('leaves page loops: a flag set by anything but a success state, a position passed to the call', () => {
    expect(
      polls(`async function e() { let isDone = false; let at = 0; while (!isDone) {
        const orgs = await fetchOrgs({ start: at }); at += orgs.length; isDone = orgs.length < 100; await sleep(100); } }`),
    ).toEqual([false]);
    expect(
      polls(`async function f() { let done = false; while (!done) { const r = await get();
        done = r.items.length === 0; await sleep(100); } }`),
    ).toEqual([false]);
  });

  it('leaves a queue or stream reader', () => {
    expect(
      polls(
        `async function g() { let msg; while (!msg) { await sleep(1000); msg = await sqs.receiveMessage(params); } }`,
      ),
    ).toEqual([false]);
  });

  it('leaves a while (true) that does not go round on other states, or never leaves when the state arrives', () => {
    expect(
      polls(
        `async function h() { while (true) { const r = await get(); if (r.ok) break; await sleep(1000); } }`,
      ),
    ).toEqual([false]);
    expect(
      polls(`async function k() { while (true) { const m = await redis.lpop('q');
        if (m?.kind !== 'job') { await sleep(1000); continue; } await handle(m); } }`),
    ).toEqual([false]);
  });
});
