// Which loops are polls waiting for a value or state to appear with nothing bounding them (readyPollSite).
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

describe('readyPollSite', () => {
  it('finds a do-while waiting for fields to appear, a flag set on success, a readiness check', () => {
    expect(
      polls(
        `async function a() { let j; do { await sleep(5000); j = await get(); } while (!j || !j.container.arn); }`,
      ),
    ).toEqual([true]);
    expect(
      polls(`async function b() { let done = false;
        while (!done) { const r = await get(); if (r.state === 'SUCCESS') done = true; else await sleep(30000); } }`),
    ).toEqual([true]);
    expect(
      polls(`async function c() { while (!ready(item)) { await delay(1000); item = await load(id); } }`),
    ).toEqual([true]);
    expect(
      polls(`async function d() { let q; while (!q || q.status !== 'Complete') {
        await new Promise((r) => setTimeout(r, 100)); q = await logs.getQueryResults({ queryId }); } }`),
    ).toEqual([true]);
  });

  it('finds a wait for an awaited count to drain when the body only sleeps', () => {
    expect(
      polls(`async function e() { let n; while ((n = await depth(url))) { await delay(10000); } }`),
    ).toEqual([true]);
    expect(
      polls(`async function f() { while (await depth(url)) { await handle(); await delay(10); } }`),
    ).toEqual([false]);
  });

  it('leaves a poll bounded by a count, a deadline or the remaining time', () => {
    expect(
      polls(`async function g() { let j; let attempts = 0;
        while (!j && attempts < 10) { attempts++; await sleep(500); j = await get(); } }`),
    ).toEqual([false]);
    expect(
      polls(`async function h() { let j; do { if (Date.now() > end) throw new Error('late');
        await sleep(500); j = await get(); } while (!j); }`),
    ).toEqual([false]);
    expect(
      polls(`async function i(context) { while (await depth(url)) {
        if (context.getRemainingTimeInMillis() < 1000) return; await delay(1000); } }`),
    ).toEqual([false]);
  });

  it('leaves page loops, worker loops, waits on a running state and loops that leave on any other state', () => {
    expect(
      polls(`async function j() { let done = false; let page = 1;
        while (!done) { const r = await list(page++); done = r.length === 0; await sleep(200); } }`),
    ).toEqual([false]);
    expect(polls(`async function k() { while (!stopping) { await sweep(); await sleep(60000); } }`)).toEqual([
      false,
    ]);
    expect(
      polls(
        `async function l() { let s; do { s = (await get()).status; await sleep(500); } while (s === 'Running'); }`,
      ),
    ).toEqual([false]);
    expect(
      polls(`async function m() { let ok = false; while (!ok) { const r = await get();
        if (r.lifecycle !== 'IN_PROGRESS') break; await sleep(1000); } }`),
    ).toEqual([false]);
  });

  it('finds a while (true) that goes round on every state but the one it waits for', () => {
    expect(
      polls(`async function p() { while (true) { const r = await api('GET', id);
        if (r.status !== 'SUCCESS') { await sleep(1000); continue; }
        await save(r); break; } }`),
    ).toEqual([true]);
    expect(
      polls(`async function q() { while (true) { const r = await describe(arn);
        if (r.status == 'FAILED') throw new Error('failed'); if (r.status != 'RUNNING') break; await sleep(5000); } }`),
    ).toEqual([false]);
  });

  it('needs a sleep and awaited work each round', () => {
    expect(polls(`async function n() { let j; while (!j) { j = await get(); } }`)).toEqual([false]);
    expect(polls(`async function o() { while (!ready) { await sleep(100); } }`)).toEqual([false]);
  });
});
