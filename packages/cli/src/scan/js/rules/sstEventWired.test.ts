// Which handlers SST v1/v2 constructs wire to a redelivering source whose answer nobody reads
// (sstEventWired.ts): queue consumers, stream consumers, topic subscribers, bucket notifications, bus targets.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { sstEventWiredRules } from './sstEventWired.js';

/** The handler strings the rule notes for the stack module `body`. */
function noted(body: string): string[] {
  const head =
    "import { Bucket, EventBus, Function, KinesisStream, Queue, Table, Topic, use } from 'sst/constructs';\n";
  const ctx = contextOf(head + body, 'stacks/Workers.ts');
  sstEventWiredRules(ctx, () => undefined);
  return ctx.eventHandlers;
}

describe('sstEventWiredRules', () => {
  it.each([
    ['a queue consumer string', "new Queue(stack, 'q', { consumer: 'src/a.main' })", ['src/a.main']],
    [
      'a queue consumer with function props and an event source',
      "new Queue(stack, 'q', { consumer: { function: { handler: 'src/b.main', bind: [t] }, cdk: { eventSource: { batchSize: 1 } } } })",
      ['src/b.main'],
    ],
    [
      'addConsumer on a queue another stack hands over',
      "const { jobs } = use(Data); jobs.addConsumer(stack, { function: { handler: 'src/c.main' } })",
      ['src/c.main'],
    ],
    [
      'a Function construct built here',
      "const fn = new Function(stack, 'f', { handler: 'src/d.main' }); q.addConsumer(stack, { function: fn })",
      ['src/d.main'],
    ],
    [
      'stream consumers, built and added',
      "const t = new Table(stack, 't', { stream: true, consumers: { a: 'src/e.main' } }); t.addConsumers(stack, { b: { function: 'src/f.main' } })",
      ['src/e.main', 'src/f.main'],
    ],
    [
      'topic subscribers and bucket notifications',
      "new Topic(stack, 't', { subscribers: { s: 'src/g.main' } }); new Bucket(stack, 'b', { notifications: { n: { function: 'src/h.main', events: ['object_created'] } } })",
      ['src/g.main', 'src/h.main'],
    ],
    [
      'event bus rule targets and subscribe',
      "const bus = new EventBus(stack, 'b', { rules: { r: { pattern: { source: ['x'] }, targets: { t: 'src/i.main' } } } }); bus.subscribe('order.created', 'src/j.main')",
      ['src/i.main', 'src/j.main'],
    ],
    [
      'a queue target names no function',
      "new Topic(stack, 't', { subscribers: { q: { type: 'queue', queue } } })",
      [],
    ],
    ['an API route is no event source', "new Api(stack, 'api', { routes: { 'GET /': 'src/k.main' } })", []],
    ['a queue with no consumer', "new Queue(stack, 'q')", []],
  ])('%s', (_name, body, expected) => {
    expect(noted(body)).toEqual(expected);
  });

  it('notes a bus subscription with no retries as unread, not redelivered', () => {
    // Prepare
    const body =
      "const bus = new EventBus(stack, 'b');\nbus.subscribe('log.search.created', { handler: 'src/scan.main' }, { retries: 0 });\nbus.subscribe('user.created', 'src/welcome.main', { retries: 3 });";
    const ctx = contextOf(`import { EventBus } from 'sst/constructs';\n${body}`, 'stacks/Events.ts');
    // Act
    sstEventWiredRules(ctx, () => undefined);
    // Assess
    expect(ctx.eventHandlers).toEqual(['src/welcome.main']);
    expect(ctx.unreadHandlers).toEqual(['src/scan.main']);
  });

  it('reads nothing where SST constructs are not imported', () => {
    // Prepare
    const ctx = contextOf("queue.addConsumer(stack, 'src/a.main');", 'stacks/Workers.ts');
    // Act
    sstEventWiredRules(ctx, () => undefined);
    // Assess
    expect(ctx.eventHandlers).toEqual([]);
  });
});
