import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { aggregatedBatchCalls } from './batchAggregated.js';

const found = (source: string) =>
  aggregatedBatchCalls(contextOf(source)).map((c) => `${c.method}:${c.field}`);

describe('aggregatedBatchCalls', () => {
  it('takes a batch method on a v3 aggregated client built in the module', () => {
    // Prepare
    const source = `import { EventBridge } from '@aws-sdk/client-eventbridge';
const bus = new EventBridge({});
export const send = () => bus.putEvents({ Entries: [] });`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual(['putEvents:FailedEntryCount']);
  });

  it('follows a client assigned later and a class field', () => {
    // Prepare
    const source = `import { EventBridge } from '@aws-sdk/client-eventbridge';
import { SQS } from '@aws-sdk/client-sqs';
let bus: EventBridge | null = null;
export async function send() { if (bus === null) bus = new EventBridge(); await bus.putEvents({ Entries: [] }); }
class Q { private sqs = new SQS({}); go() { return this.sqs.sendMessageBatch({ QueueUrl: 'q', Entries: [] }); } }`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual(['putEvents:FailedEntryCount', 'sendMessageBatch:Failed']);
  });

  it('takes the document client DynamoDBDocument.from builds', () => {
    // Prepare
    const source = `import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocument.from(new DynamoDB({}));
export const put = (RequestItems) => doc.batchWrite({ RequestItems });`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual(['batchWrite:UnprocessedItems']);
  });

  it('leaves a project wrapper, a v2 request made a promise and a callback call', () => {
    // Prepare
    const source = `import { bus } from './bus';
import AWS from 'aws-sdk';
import { EventBridge } from '@aws-sdk/client-eventbridge';
const v2 = new AWS.EventBridge();
const v3 = new EventBridge({});
export const a = () => bus.putEvents({ Entries: [] });
export const b = () => v2.putEvents({ Entries: [] }).promise();
export const c = () => v3.putEvents({ Entries: [] }).promise();
export const d = (cb) => v3.putEvents({ Entries: [] }, cb);`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([]);
  });

  it("takes a client by binding: not a same-named parameter nor another class's field", () => {
    // Prepare
    const source = `import { EventBridge } from '@aws-sdk/client-eventbridge';
import { SQS } from '@aws-sdk/client-sqs';
export function warm() { const bus = new EventBridge({}); return bus; }
export const a = (bus) => bus.putEvents({ Entries: [] });
class Raw { private client = new SQS({}); }
class Safe { private client = makeQueue(); go() { return this.client.sendMessageBatch({ QueueUrl: 'q', Entries: [] }); } }`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([]);
  });

  it('takes a client built inline, kept through a local, or given the options argument', () => {
    // Prepare
    const source = `import { EventBridge } from '@aws-sdk/client-eventbridge';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
export const a = () => new EventBridge({}).putEvents({ Entries: [] });
export const b = (c) => DynamoDBDocument.from(c).batchWrite({ RequestItems: {} });
class R { constructor() { const client = new DynamoDB({}); this.client = client; }
  go() { return this.client.batchWriteItem({ RequestItems: {} }); } }
const bus = new EventBridge({});
export const d = (signal) => bus.putEvents({ Entries: [] }, { abortSignal: signal });`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([
      'putEvents:FailedEntryCount',
      'batchWrite:UnprocessedItems',
      'batchWriteItem:UnprocessedItems',
      'putEvents:FailedEntryCount',
    ]);
  });

  it.each([
    ['an X-Ray capture', `const bus = AWSXRay.captureAWSv3Client(new EventBridge({}));`],
    ["Powertools Tracer's capture", `const bus = tracer.captureAWSv3Client(new EventBridge({}));`],
    [
      "the module's own instrumenting function",
      `const bus = trace(new EventBridge({}));
function trace(client) { return process.env.XRAY ? AWSXRay.captureAWSv3Client(client) : client; }`,
    ],
  ])('takes a client handed back by %s', (_, held) => {
    // Prepare
    const source = `import { EventBridge } from '@aws-sdk/client-eventbridge';
import * as AWSXRay from 'aws-xray-sdk';
${held}
export const send = () => bus.putEvents({ Entries: [] });`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual(['putEvents:FailedEntryCount']);
  });

  it('leaves a client handed to a function that answers something else', () => {
    // Prepare
    const source = `import { EventBridge } from '@aws-sdk/client-eventbridge';
const bus = publisher(new EventBridge({}));
function publisher(client) { return { putEvents: (p) => client.putEvents(p).then(check) }; }
export const send = () => bus.putEvents({ Entries: [] });`;

    // Act
    const calls = found(source);

    // Assess
    expect(calls).toEqual([]);
  });
});
