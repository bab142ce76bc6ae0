// A try that hands its call's promise back unawaited cannot catch that call's rejection; `return await` can.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { returnsPromiseUncaught } from './returnedPromiseTry.js';

const HEAD = `import { readFileSync } from 'node:fs';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import AWS from 'aws-sdk';
const scheduler = new SchedulerClient({});
const db = new AWS.DynamoDB.DocumentClient();
`;

/** returnsPromiseUncaught of the try of the first catch in `code`, after the clients' declarations. */
function uncaught(code: string): boolean {
  const ctx = contextOf(`${HEAD}${code}`, 'service.ts');
  const [handler] = ctx.of('CatchClause');
  if (handler === undefined) throw new Error('no catch in the source');
  return returnsPromiseUncaught(ctx, ctx.parentOf(handler) as Node);
}

describe('returnsPromiseUncaught', () => {
  it.each([
    [
      'an SDK v3 send returned unawaited',
      'async function f(i) { try { return scheduler.send(new CreateScheduleCommand(i)); } catch (e) { return { status: "Error" }; } }',
    ],
    [
      'an SDK v2 request made a promise',
      'async function f(p) { try { return db.scan(p).promise(); } catch (e) { console.error(e); } }',
    ],
    [
      'a fetch in a function that is not async',
      'function f(url) { try { const init = { method: "POST" }; return fetch(url, init); } catch (e) { console.error(e); } }',
    ],
    [
      "an own async method, the try awaiting only the class's local work",
      `class Slack {
  async post(m) { await fetch('https://slack.com/api', { method: 'POST', body: m }); }
  async title(user) { return 'Opened by ' + user; }
  async notify(user) { try { return this.post({ text: await this.title(user) }); } catch (e) { console.error(e); } }
}`,
    ],
  ])('passes the rejection to the caller: %s', (_name, code) => {
    // Act
    const result = uncaught(code);

    // Assess
    expect(result).toBe(true);
  });

  it.each([
    [
      'return await, which is caught',
      'async function f(c) { try { return await scheduler.send(new CreateScheduleCommand(c)); } catch (e) { console.error(e); } }',
    ],
    [
      'an await before the return',
      'async function f(c, p) { try { await db.put(p).promise(); return scheduler.send(new CreateScheduleCommand(c)); } catch (e) { console.error(e); } }',
    ],
    [
      'a call outside the return',
      'async function f(c) { try { const r = scheduler.send(new CreateScheduleCommand(c)); return r; } catch (e) { console.error(e); } }',
    ],
    [
      'a call floated before the returned one',
      'async function f(p) { try { db.put(p).promise(); return db.scan(p).promise(); } catch (e) { console.error(e); } }',
    ],
    [
      'a saga whose yield the runner throws the failure back into',
      'function* f(p) { try { const u = yield call(load, p); return db.scan(u).promise(); } catch (e) { console.error(e); } }',
    ],
    [
      'synchronous file I/O',
      'function f(c) { try { const t = readFileSync("/tmp/x"); return scheduler.send(new CreateScheduleCommand(c)); } catch (e) { console.error(e); } }',
    ],
    [
      'an awaited method that calls another system',
      'class A { async load() { return fetch("https://x"); } async f(c) { try { return scheduler.send({ ...c, x: await this.load() }); } catch (e) { console.error(e); } } }',
    ],
    [
      "an async generator's return, which awaits its operand",
      'async function* f(p) { try { return db.scan(p).promise(); } catch (e) { console.error(e); } }',
    ],
    [
      'an awaited method that hands back another async method of the class',
      'class A { async name(u) { return fetch(u); } async title(u) { return this.name(u); } async f(p, u) { try { return db.scan({ ...p, t: await this.title(u) }).promise(); } catch (e) { console.error(e); } } }',
    ],
    [
      'a try that calls nothing',
      'function f(t) { try { return JSON.parse(t); } catch (e) { return null; } }',
    ],
  ])('leaves a try that can catch a failure of another system, or calls none: %s', (_name, code) => {
    // Act
    const result = uncaught(code);

    // Assess
    expect(result).toBe(false);
  });
});
