// A project function handed to a runner as a value (js/handedWork.ts), the parameters a runner runs
// (js/calledParams.ts), and a table of functions filled by assignments (js/functionTables.ts): the three
// facts the project pass joins to put the work a shared runner runs on the caller's path.
import { describe, expect, it } from 'vitest';
import { calledParams } from './calledParams.js';
import { handedWork } from './handedWork.js';
import { contextOf } from './testing/parsed.js';

const handed = (source: string, file = '/app/src/handlers/queue.ts') =>
  handedWork(contextOf(source, file)).map(
    (h) =>
      `${h.callee.name}${h.method === undefined ? '' : `.${h.method}`}@${h.index}: ${h.work.map((w) => w.name).join(',')} ${h.reach === true ? 'handler' : h.reach.join(',')}`,
  );

describe('calledParams', () => {
  it.each([
    [
      'a parameter run through a local helper',
      `async function handleMessage(fn, body) { try { await fn(JSON.parse(body)); return true; } catch { return false; } }
export async function handleSqsEvent(handlerFunc, event, queue) { for (const r of event.Records) await handleMessage(handlerFunc, r.body); }`,
      { handleSqsEvent: [0] },
    ],
    [
      "a static method's parameter run inside a library callback",
      `export abstract class BaseRepository {
  public static async transaction(func: Function, model: any) { await db().transaction(async () => { await func(model); }); }
}`,
      { 'BaseRepository.transaction': [0] },
    ],
    [
      'a typed parameter run by .call',
      'export const run = (f: (x: number) => void) => f.call(null, 1);',
      { run: [0] },
    ],
  ])('reads %s', (_what, source, expected) => {
    // Act
    const runs = calledParams(contextOf(source));

    // Assess
    expect({ ...runs }).toEqual(expected);
  });

  it('does not take a parameter that is only stored', () => {
    // Act
    const runs = calledParams(contextOf('const all = []; export function register(fn) { all.push(fn); }'));

    // Assess
    expect({ ...runs }).toEqual({});
  });
});

describe('handedWork', () => {
  it('reads a function a handler hands to a runner', () => {
    // Prepare
    const source = `import { processIndexing } from 'src/controllers/indexing';
import { handleSqsEvent } from 'src/core/utils/sqs';
import { QUEUE } from 'src/core/constants';
export const handler = async (event) => { await handleSqsEvent(processIndexing, event, QUEUE); };`;

    // Act
    const found = handed(source);

    // Assess: the constant is data, not work.
    expect(found).toEqual(['handleSqsEvent@0: processIndexing handler']);
  });

  it('reads every function of a table filled by assignments, picked and handed on', () => {
    // Prepare
    const source = `import { BaseRepository } from '../db/BaseRepository';
import { handleNewPost, handleNewUser } from '../index/mapping';
import * as replies from '../index/replies';
const eventToHandler: Record<string, Function> = {};
eventToHandler['PostCreated'] = handleNewPost;
eventToHandler['UserCreated'] = handleNewUser;
eventToHandler['ReplyCreated'] = replies.createReply;
export async function processIndexing(model) {
  const handler = eventToHandler[model.name];
  if (!handler) throw new Error('no handler');
  await BaseRepository.transaction(handler, model);
}`;

    // Act
    const found = handed(source, '/app/src/controllers/indexing.ts');

    // Assess
    expect(found).toEqual([
      'BaseRepository.transaction@0: handleNewPost,handleNewUser,createReply processIndexing',
    ]);
  });

  it('reads an object literal table the same way', () => {
    // Prepare
    const source = `import { run } from './runner';
import { a, b } from './work';
const table = { one: a, two: b };
export async function pick(k) { await run(table[k]); }`;

    // Act
    const found = handed(source, '/app/src/pick.ts');

    // Assess
    expect(found).toEqual(['run@0: a,b pick']);
  });

  it('does not read an enum member or a class handed to a call as work', () => {
    // Prepare
    const source = `import { log, LogLevel } from './logger';
import { OrderService } from './orders';
export async function work(e) { log(e, LogLevel.INFO); await build(OrderService); }`;

    // Act
    const found = handed(source, '/app/src/work.ts');

    // Assess
    expect(found).toEqual([]);
  });
});
