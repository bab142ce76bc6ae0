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
