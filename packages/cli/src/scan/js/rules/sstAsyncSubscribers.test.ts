// iac-missing-dlq at the functions SST v2 Topic subscribers and Bucket notifications build.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { sstAsyncSubscriberRules } from './sstAsyncSubscribers.js';

const HEAD = "import { Bucket, Function, Queue, Topic, use } from 'sst/constructs';\n";

/** Lines (1-based) of the iac-missing-dlq findings in a stack module holding `body`. */
function lines(body: string, head = HEAD): number[] {
  const source = head + body;
  const found: number[] = [];
  sstAsyncSubscriberRules(contextOf(source, '/app/stacks/Ingest.ts'), (rule, node: Node) => {
    if (rule === 'iac-missing-dlq') found.push(source.slice(0, node.start as number).split('\n').length);
  });
  return found;
}

describe('sstAsyncSubscriberRules', () => {
  it.each([
    [
      'a Topic subscriber string given bindings through the defaults',
      "const t = new Topic(stack, 'Ingest', {\n  subscribers: {\n    a: 'src/ingest.handler',\n  },\n  defaults: { function: { bind: [bucket] } },\n});",
      [4],
    ],
    [
      'a bucket notification function with bindings',
      "bucket.addNotifications(stack, {\n  all: {\n    function: {\n      handler: 'src/events.handler',\n      bind: [table],\n    },\n  },\n});",
      [4],
    ],
    [
      'a Bucket built with a notification',
      "new Bucket(stack, 'Uploads', {\n  notifications: {\n    resize: { function: { handler: 'src/resize.handler', permissions: ['s3'] }, events: ['object_created'] },\n  },\n});",
      [4],
    ],
    [
      'a Function construct subscribed to a topic from another stack',
      "const { receipts } = use(External);\nconst handler = new Function(stack, 'Receipts', {\n  handler: 'src/receipts.handler',\n  bind: [bucket],\n});\nreceipts.addSubscribers(stack, { handler });",
      [3],
    ],
    [
      'a notified function whose dead-letter queue is switched off',
      "new Bucket(stack, 'Uploads', {\n  notifications: {\n    n: { function: { handler: 'src/a.handler', bind: [t], deadLetterQueueEnabled: false } },\n  },\n});",
      [4],
    ],
    [
      'a subscriber added to a Topic whose defaults bind',
      "const t = new Topic(stack, 'Ingest', { defaults: { function: { bind: [b] } } });\nt.addSubscribers(stack, {\n  a: 'src/a.handler',\n});",
      [4],
    ],
    [
      'a Function construct a notification names',
      "const worker = new Function(stack, 'W', { handler: 'src/w.handler', bind: [t] });\nnew Bucket(stack, 'B', { notifications: { n: { function: worker, events: ['object_created'] } } });",
      [2],
    ],
    [
      'a bare Function construct of a module that sets the app defaults',
      "app.setDefaultFunctionProps({ bind: [t] });\nconst worker = new Function(stack, 'W', { handler: 'src/w.handler' });\nnew Topic(stack, 'T', { subscribers: { worker } });",
      [3],
    ],
  ])('reports %s', (_name, body, expected) => {
    expect(lines(body)).toEqual(expected);
  });

  it.each([
    [
      'a subscriber given nothing to work with',
      "new Topic(stack, 'Ingest', { subscribers: { a: 'src/log.handler' } });",
    ],
    [
      'a subscriber with an onFailure destination',
      "new Topic(stack, 'Ingest', { subscribers: { a: { function: { handler: 'src/a.handler', bind: [b], onFailure: dest } } } });",
    ],
    [
      'defaults with a dead-letter queue',
      "new Topic(stack, 'Ingest', { subscribers: { a: 'src/a.handler' }, defaults: { function: { bind: [b], deadLetterQueue: dlq } } });",
    ],
    [
      'a notified function whose Function props make a dead-letter queue',
      "new Bucket(stack, 'Uploads', { notifications: { n: { function: { handler: 'src/a.handler', bind: [t], deadLetterQueueEnabled: true } } } });",
    ],
    [
      'a Function construct with a dead-letter topic',
      "const fn = new Function(stack, 'F', { handler: 'src/a.handler', bind: [t], deadLetterTopic: topic });\nnew Topic(stack, 'Ingest', { subscribers: { fn } });",
    ],
    [
      'a subscriber added to a Topic whose defaults keep failures',
      "const t = new Topic(stack, 'Ingest', { defaults: { function: { bind: [b], onFailure: d } } });\nt.addSubscribers(stack, { a: 'src/a.handler' });",
    ],
    [
      'a Topic whose props spread defaults from elsewhere',
      "new Topic(stack, 'Ingest', { ...shared, subscribers: { a: { function: { handler: 'src/a.handler', bind: [b] } } } });",
    ],
    [
      'a bare Function construct subscribed',
      "const worker = new Function(stack, 'W', { handler: 'src/w.handler' });\nnew Topic(stack, 'T', { subscribers: { worker } });",
    ],
    [
      'a queue subscriber',
      "const q = new Queue(stack, 'Q');\nnew Topic(stack, 'Ingest', { subscribers: { q }, defaults: { function: { bind: [b] } } });",
    ],
    [
      'a queue or topic notification',
      "bucket.addNotifications(stack, { q: { type: 'queue', queue: q }, t: { type: 'topic', topic: t } });",
    ],
    [
      "CDK's own topic subscription",
      'topic.addSubscription(new LambdaSubscription(fn));\nbucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn));',
    ],
    [
      'a Topic of another package',
      "new Topic(stack, 'Ingest', { subscribers: { a: 'src/a.handler' }, defaults: { function: { bind: [b] } } });",
      "import { Topic } from 'aws-cdk-lib/aws-sns';\n",
    ],
  ])('stays silent for %s', (_name, body, head = HEAD) => {
    expect(lines(body, head)).toEqual([]);
  });

  it("stays silent in SST's own bundle of the app, left behind by a build", () => {
    const source = `${HEAD}new Topic(stack, 'T', { subscribers: { a: { function: { handler: 'src/a.handler', bind: [b] } } } });`;
    const found: string[] = [];
    sstAsyncSubscriberRules(contextOf(source, '/app/.sst.config.1700000000000.mjs'), (rule) =>
      found.push(rule),
    );
    expect(found).toEqual([]);
  });
});
