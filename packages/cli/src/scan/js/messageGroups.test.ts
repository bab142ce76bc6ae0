import { describe, expect, it } from 'vitest';
import { analyzeModule } from './analyzeModule.js';

const facts = (source: string) => analyzeModule('/app/src/producer.ts', source).messageGroups;
const groups = (source: string) => facts(source)?.any;

describe('messageGroupsOf', () => {
  it('reads a group id fixed in the module as constant', () => {
    // Act
    const found = groups(`
const GROUP = 'exports';
export const send = (sqs, body) => sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: body, MessageGroupId: GROUP }));
export const again = (sqs, body) => sqs.sendMessage({ QueueUrl: q, MessageBody: body, MessageGroupId: \`retries\` });
`);

    // Assess
    expect(found).toBe('constant');
  });

  it('reads one group id taken from the message as varying, whatever the others are', () => {
    // Act
    const found = groups(`
export const send = (sqs, body) => sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: body, MessageGroupId: 'all' }));
export const perCustomer = (sqs, c) => sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: c.body, messageGroupId: c.customerId }));
`);

    // Assess
    expect(found).toBe('varying');
  });

  it('says nothing of a module that writes no group id', () => {
    // Act
    const found = groups(
      `export const send = (sqs, body) => sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: body }));`,
    );

    // Assess
    expect(found).toBeUndefined();
  });
});

// Ids the producer bounds itself (a number modulo a literal, a round-robin counter it winds back) keep the
// queue to a fixed few groups, as a constant does; a counter that only grows, or a modulo by a value the
// module does not fix, makes as many groups as values.
describe('messageGroupsOf, ids kept to a fixed few values', () => {
  const WRAPS =
    'let current = 0;\nconst next = () => { if (current >= limit) { current = 0; } current++; return current; };\n';

  it.each([
    [
      'a number modulo a literal',
      'let i = 0;\nitems.map((x) => ({ MessageGroupId: (i++ % 10).toString() }));',
      'constant',
    ],
    ['String() of a modulo', 'send({ MessageGroupId: String(n % 4) });', 'constant'],
    ['a template over a modulo', `send({ MessageGroupId: \`shard-\${n % 4}\` });`, 'constant'],
    [
      'a round-robin counter',
      `${WRAPS}const g = next();\nsend({ MessageGroupId: \`sync-\${g}\` });`,
      'constant',
    ],
    ['a template over the message', `send({ MessageGroupId: \`tenant-\${t.id}\` });`, 'varying'],
    [
      'a counter that only grows',
      `let current = 0;\nconst next = () => { current++; return current; };\nsend({ MessageGroupId: \`g-\${next()}\` });`,
      'varying',
    ],
    ['a modulo by a variable', 'send({ MessageGroupId: String(n % shards) });', 'varying'],
  ])('%s', (_name, source, expected) => {
    // Act
    const found = groups(source);

    // Assess
    expect(found).toBe(expected);
  });
});

// SST v2 code names its queue (`Queue.UsageQueue.queueUrl` of `sst/node/queue`): its writes are kept by
// that queue, so another FIFO queue's per-customer groups do not count against this one's.
describe('messageGroupsOf, by the SST queue written to', () => {
  it("keeps each SST queue's groups apart, and the unnamed ones under any", () => {
    // Act
    const found = facts(`
import { Queue } from 'sst/node/queue';
let i = 0;
export const usage = (sqs, ids) => sqs.send(new SendMessageBatchCommand({
  QueueUrl: Queue.UsageQueue.queueUrl,
  Entries: ids.map((id) => ({ Id: id, MessageBody: id, MessageGroupId: (i++ % 10).toString() })),
}));
export const issue = (sqs, e) => sqs.send(new SendMessageCommand({ QueueUrl: Queue['issue-queue'].queueUrl, MessageBody: e.body, MessageGroupId: e.stageId }));
export const other = (sqs, body) => sqs.send(new SendMessageCommand({ QueueUrl: process.env.Q, MessageBody: body, MessageGroupId: 'all' }));
`);

    // Assess
    expect(found).toEqual({
      any: 'constant',
      sstQueues: { UsageQueue: 'constant', 'issue-queue': 'varying' },
      envQueues: { Q: 'constant' },
    });
  });
});

describe('messageGroupsOf, by the environment variable holding the queue URL', () => {
  it.each([
    ['read inline', `QueueUrl: process.env.LEDGER_URL, MessageBody: b, MessageGroupId: 'ledger'`, 'constant'],
    ['kept in a variable', `QueueUrl: url, MessageBody: b, MessageGroupId: to`, 'varying'],
  ])('names the variable when the URL is %s', (_case, fields, kind) => {
    // Act
    const found = facts(`
const url = process.env['LEDGER_URL'];
export const send = (sqs, b, to) => sqs.send(new SendMessageCommand({ ${fields} }));
`);

    // Assess
    expect(found?.envQueues).toEqual({ LEDGER_URL: kind });
  });
});
