// A queue named like a dead-letter queue that nothing can send to (only its QueuePolicy names it) is owed no
// alarm; one a function, rule, Globals or Output names, or one with a fixed QueueName, still is.
import { describe, expect, it } from 'vitest';
import { checkCloudFormation } from './cloudformation.js';

/** A policy letting EventBridge send to `id`: copied into every stack of a boilerplate. */
const policy = (id: string) => ({
  Type: 'AWS::SQS::QueuePolicy',
  Properties: {
    Queues: [{ Ref: id }],
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Resource: { 'Fn::GetAtt': [id, 'Arn'] },
        },
      ],
    },
  },
});

/** The DLQ-alarm findings of a template holding `EventsDlq`, its policy and `extra`. */
function alarmFindings(extra: Record<string, unknown>, queue: Record<string, unknown> = {}): string[] {
  const template = {
    Resources: {
      EventsDlq: { Type: 'AWS::SQS::Queue', Properties: queue },
      EventsDlqPolicy: policy('EventsDlq'),
    },
    ...extra,
  };
  const messages: string[] = [];
  checkCloudFormation(template, (rule, _path, message) => {
    if (rule === 'iac-missing-dlq' && message.includes('has no CloudWatch alarm')) messages.push(message);
  });
  return messages;
}

describe('a dead-letter queue nothing can send to', () => {
  it('is owed no alarm when only its QueuePolicy names it', () => {
    // Act
    const messages = alarmFindings({});

    // Assess
    expect(messages).toEqual([]);
  });

  it.each([
    [
      'a function names it as its DeadLetterQueue',
      {
        Resources: {
          EventsDlq: { Type: 'AWS::SQS::Queue' },
          EventsDlqPolicy: policy('EventsDlq'),
          Fn: {
            Type: 'AWS::Serverless::Function',
            Properties: {
              DeadLetterQueue: { Type: 'SQS', TargetArn: { 'Fn::GetAtt': ['EventsDlq', 'Arn'] } },
            },
          },
        },
      },
    ],
    [
      'Globals gives it to every function',
      {
        Globals: {
          Function: { DeadLetterQueue: { Type: 'SQS', TargetArn: { 'Fn::GetAtt': ['EventsDlq', 'Arn'] } } },
        },
      },
    ],
    [
      'an Output hands it to other stacks',
      { Outputs: { EventsDlqArn: { Value: { 'Fn::GetAtt': ['EventsDlq', 'Arn'] } } } },
    ],
  ])('is still owed one when %s', (_, extra) => {
    // Act
    const messages = alarmFindings(extra);

    // Assess
    expect(messages).toEqual([
      'dead-letter queue EventsDlq has no CloudWatch alarm: failed messages pile up unnoticed',
    ]);
  });

  it('is still owed one when a serverless.yml function or event names it', () => {
    // Arrange
    const template = {
      Resources: { EventsDlq: { Type: 'AWS::SQS::Queue' }, EventsDlqPolicy: policy('EventsDlq') },
    };
    const messages: string[] = [];

    // Act
    checkCloudFormation(
      template,
      (rule, _path, message) => {
        if (rule === 'iac-missing-dlq' && message.includes('has no CloudWatch alarm')) messages.push(message);
      },
      [],
      [],
      { dlqs: ['EventsDlq'] },
    );

    // Assess
    expect(messages).toHaveLength(1);
  });

  it('is still owed one when its fixed QueueName lets another stack name it', () => {
    // Act
    const messages = alarmFindings({}, { QueueName: 'shop-events-dlq' });

    // Assess
    expect(messages).toHaveLength(1);
  });
});
