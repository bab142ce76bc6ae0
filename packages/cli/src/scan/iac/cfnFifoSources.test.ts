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
      { onlyIfMessageGroupsVary: true, fifoGroupsWritten: 'constant', fifoCodeDirs: ['.'] },
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

  const pipe = (group: Json): TemplateResource =>
    ({
      id: 'Changes',
      type: 'AWS::Pipes::Pipe',
      props: {
        Source: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        Target: { 'Fn::GetAtt': ['Jobs', 'Arn'] },
        TargetParameters: { SqsQueueParameters: { MessageGroupId: group } },
      },
    }) as TemplateResource;
  const constantRule = rule('R', [target({ MessageGroupId: 'jobs' })]);

  it.each([
    [
      'a Pipe grouping by the item key',
      [queue({ FifoQueue: true }), constantRule, pipe('$.dynamodb.Keys.pk.S')],
      undefined,
    ],
    [
      'an API Gateway SQS integration',
      [
        queue({ FifoQueue: true }),
        constantRule,
        {
          id: 'Post',
          type: 'AWS::ApiGateway::Method',
          props: {
            Integration: {
              Type: 'AWS',
              Uri: {
                // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Sub, as written in a template
                'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${Jobs.QueueName}',
              },
              RequestParameters: {
                'integration.request.querystring.MessageGroupId': 'method.request.body.customerId',
              },
            },
          },
        } as TemplateResource,
      ],
      undefined,
    ],
    // A literal group is still one group, but the code's sends, not the rule's, must then settle it.
    [
      'a Pipe naming a literal group',
      [queue({ FifoQueue: true }), constantRule, pipe('changes')],
      { onlyIfMessageGroupsVary: true },
    ],
  ])("another producer of the template's: %s", (_, resources, expected) => {
    expect(extraOf(resources, mapping)).toEqual(expected);
  });

  it("names the template's code folders: every SAM function's CodeUri, the Globals one, and its own", () => {
    const fn = (id: string, props: Record<string, Json>): TemplateResource =>
      ({ id, type: 'AWS::Serverless::Function', props }) as TemplateResource;
    const resources = [
      queue({ FifoQueue: true }),
      constantRule,
      fn('A', { CodeUri: 'orders/' }),
      fn('B', {}),
    ];
    const extra = fifoSourceExtra(mapping, new Map(resources.map((r) => [r.id, r])), {
      CodeUri: '../shared',
    });
    expect(extra?.fifoCodeDirs).toEqual(['.', 'orders', '../shared']);
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
