import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { asyncStreamListeners } from './asyncListeners.js';

function events(source: string): string[] {
  const ctx = contextOf(source, 'm.js');
  return asyncStreamListeners(ctx).map(({ call }) => String(call.arguments[0].value));
}

describe('asyncStreamListeners', () => {
  it('finds an async stream listener that awaits work', () => {
    expect(events(`child.stdout.on('data', async (d) => { await addLog(d); });`)).toEqual(['data']);
    expect(events(`res.on('finish', async () => { await closeDb(); });`)).toEqual(['finish']);
  });

  it('stays silent on a synchronous listener or one that awaits nothing', () => {
    expect(events(`child.stdout.on('data', (d) => { addLog(d); });`)).toEqual([]);
    expect(events(`s.on('end', async () => { done = true; });`)).toEqual([]);
    // The await belongs to a nested function, not to the listener.
    expect(events(`s.on('end', async () => { later(async () => { await x(); }); });`)).toEqual([]);
  });

  it('stays silent on events outside the stream lifecycle', () => {
    expect(events(`webhooks.on('push', async (e) => { await save(e); });`)).toEqual([]);
    expect(events(`process.on('SIGTERM', async () => { await flush(); });`)).toEqual([]);
  });

  it('stays silent when the listener settles the enclosing executor, itself or through a local function', () => {
    expect(
      events(`new Promise((resolve) => { s.on('close', async () => { await up(); resolve(); }); });`),
    ).toEqual([]);
    expect(
      events(
        `new Promise((resolve, reject) => { const fail = (e) => reject(e); s.on('end', async () => { await fail(1); }); });`,
      ),
    ).toEqual([]);
  });

  it('still finds a sibling listener in an executor that does not settle it', () => {
    expect(
      events(
        `new Promise((resolve) => { s.on('data', async (r) => { await send(r); }).on('end', () => resolve()); });`,
      ),
    ).toEqual(['data']);
  });

  it('judges the executor by binding: `path.resolve` or a module helper of its own does not settle it', () => {
    expect(
      events(
        `new Promise((resolve) => { b.on('data', async (c) => { await fs.appendFile(path.resolve('/tmp', n), c); }); b.on('end', () => resolve()); });`,
      ),
    ).toEqual(['data']);
    expect(
      events(
        `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
         new Promise((resolve) => { s.on('data', async (r) => { await sleep(10); await send(r); }); s.on('end', () => resolve()); });`,
      ),
    ).toEqual(['data']);
  });

  it('finds a listener that returns a pending value without awaiting it', () => {
    expect(events(`s.on('end', async () => sqs.send(cmd));`)).toEqual(['end']);
    expect(events(`s.on('data', async (row) => { return db.put(row); });`)).toEqual(['data']);
    expect(events(`s.on('error', async (e) => { throw e; });`)).toEqual(['error']);
  });

  it('stays silent on an emitter made by Emittery, whose emit awaits its listeners', () => {
    expect(
      events(
        `const bus = new Emittery(); bus.on('data', async (i) => { await ddb.send(put(i)); }); await bus.emit('data', x);`,
      ),
    ).toEqual([]);
  });
});
