// listenerOwnsWork: a listener's chain floating-promise leaves to the emitter the listener serves.
import { describe, expect, it } from 'vitest';
import { type Node, unwrap } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { listenerOwnsWork } from './listenerFeeds.js';

/** Whether the first statement inside a function handed to a call (the listener's) is left to its emitter. */
function owned(source: string): boolean {
  const ctx = contextOf(source, 'm.js');
  const inner = ctx.of('ExpressionStatement').find((s) => {
    const fn = ctx.enclosingFunction(s);
    return fn !== undefined && ctx.parentOf(fn)?.type === 'CallExpression';
  }) as Node;
  return listenerOwnsWork(ctx, inner, unwrap(inner.expression) as Node);
}

describe('listenerOwnsWork', () => {
  it.each([
    ["page.on('request', (r) => { r.continue().catch(console.error); });"],
    ["w.on('binlog', (e) => { flush(e).then(() => log('ok')).catch((err) => report(err)); });"],
    ["w.once('change', function (e) { save(e).then(done, (err) => log(err)); });"],
    ["s.on('newListener', () => { fill(s).catch((e) => s.destroy(e)); });"],
    ["w.on('change', (c) => { save(c).catch(logger.error); });"],
    ["w.on('change', (c) => { save(c).catch((e) => log({ e })); });"],
    // A wait on another emitter's end, or only an 'error' subscription, is no wait on this one.
    [
      "async function run(w, rl) { w.on('change', (c) => { save(c).catch(log); }); w.on('error', log); await once(rl, 'close'); }",
    ],
  ])('leaves a plain listener chain that handles its rejection: %s', (source) => {
    expect(owned(source)).toBe(true);
  });

  it.each([
    // No rejection handler: its failure is an unhandled rejection.
    ["s.on('data', (k) => { pipeline.exec(); });"],
    ["w.on('change', (c) => { save(c).then(() => log('saved')); });"],
    // A rejection callback that drops the error unread: the failure is never seen.
    ["upload.on('httpUploadProgress', (p) => { save(p).catch(() => undefined); });"],
    ["w.on('change', (c) => { save(c).catch((e) => log('failed')); });"],
    ["w.on('change', (c) => { save(c).catch(function (err) { log(c.err, { err: 1 }); }); });"],
    ["w.on('change', (c) => { save(c).catch(noop); });"],
    ["w.on('change', (c) => { save(c).catch(_.noop); });"],
    // A `.then` whose only callback reads its value handles no rejection.
    ["w.on('change', (c) => { save(c).then((r) => log(r)); });"],
    // A stream lifecycle event: the handler waits on the stream's end, which this work outlives.
    ["rows.on('data', (r) => { send(r).catch((e) => log(e)); });"],
    ["conn.on('error', (e) => { restart().catch(log); });"],
    // An async listener: a router or bot framework awaits it, so the chain floats past that wait.
    ["bot.on('text', async (ctx) => { ctx.reply('hi').catch(log); });"],
    // A listener of an emitter whose end the subscriber waits on: the chain outlives that wait.
    ["async function run(rl) { rl.on('line', (l) => { save(l).catch(log); }); await once(rl, 'close'); }"],
    ["function run(rl) { rl.on('line', (l) => { save(l).catch(log); }); rl.on('close', done); }"],
    // Not a listener: a function handed to an ordinary call.
    ['later(() => { save(1).catch(log); });'],
  ])('still reports: %s', (source) => {
    expect(owned(source)).toBe(false);
  });
});
