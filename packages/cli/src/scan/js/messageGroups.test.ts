import { describe, expect, it } from 'vitest';
import { analyzeModule } from './analyzeModule.js';

const groups = (source: string) => analyzeModule('/app/src/producer.ts', source).messageGroups;

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
