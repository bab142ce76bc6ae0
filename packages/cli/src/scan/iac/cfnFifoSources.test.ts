// When a template's SQS source reads a FIFO queue, and what groups the template's own rules write to it.
import { describe, expect, it } from 'vitest';
import { fifoSourceExtra } from './cfnFifoSources.js';
import type { Json } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';

const queue = (props: Record<string, Json>): TemplateResource =>
  ({ id: 'Jobs', type: 'AWS::SQS::Queue', props }) as TemplateResource;
const rule = (id: string, targets: Json[]): TemplateResource =>
  ({ id, type: 'AWS::Events::Rule', props: { Targets: targets } }) as TemplateResource;
const target = (sqs?: Record<string, Json>): Json => ({
  Arn: { 'Fn::GetAtt': ['Jobs', 'Arn'] },
  Id: 'T',
  ...(sqs !== undefined ? { SqsParameters: sqs } : {}),
});
const extraOf = (resources: TemplateResource[], props: Record<string, Json>) =>
  fifoSourceExtra(props, new Map(resources.map((r) => [r.id, r])));
const mapping = { EventSourceArn: { 'Fn::GetAtt': ['Jobs', 'Arn'] } };

describe('fifoSourceExtra', () => {
  it.each([
    ['a standard queue', [queue({})], undefined],
    ['a FIFO queue with no rule feeding it', [queue({ FifoQueue: true })], { onlyIfMessageGroupsVary: true }],
    [
      'a FIFO queue by its literal name',
      [queue({ QueueName: 'jobs.fifo' })],
      { onlyIfMessageGroupsVary: true },
    ],
    [
      'a rule writing one literal group',
      [queue({ FifoQueue: true }), rule('R', [target({ MessageGroupId: 'jobs' })])],
      { onlyIfMessageGroupsVary: true, fifoGroupsWritten: 'constant' },
    ],
    [
      'two rules, one naming no group',
      [queue({ FifoQueue: 'true' }), rule('R', [target({ MessageGroupId: 'jobs' })]), rule('S', [target()])],
      { onlyIfMessageGroupsVary: true },
    ],
    [
      'a group built from a parameter',
      [queue({ FifoQueue: true }), rule('R', [target({ MessageGroupId: { Ref: 'Group' } })])],
      { onlyIfMessageGroupsVary: true },
    ],
  ])('%s', (_, resources, expected) => {
    expect(extraOf(resources, mapping)).toEqual(expected);
  });

  it("reads a SAM event's Queue as the mapping's EventSourceArn", () => {
    const resources = [queue({ FifoQueue: true }), rule('R', [target({ MessageGroupId: 'jobs' })])];
    expect(extraOf(resources, { Queue: { 'Fn::GetAtt': ['Jobs', 'Arn'] } })?.fifoGroupsWritten).toBe(
      'constant',
    );
  });

  it('leaves a queue of another stack alone', () => {
    expect(extraOf([], { Queue: { 'Fn::ImportValue': 'jobs-queue-arn' } })).toBeUndefined();
  });
});
