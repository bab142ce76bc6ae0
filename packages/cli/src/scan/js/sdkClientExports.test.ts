// Which exports hand on an AWS SDK v3 client class unchanged (sdkClientExports): an imported client
// exported again or one re-exported from `@aws-sdk/client-*`, not a command, a type, a project class or
// another package's class.
import { describe, expect, it } from 'vitest';
import { sdkClientExports } from './sdkClientExports.js';
import { contextOf } from './testing/parsed.js';

describe('sdkClientExports', () => {
  it.each([
    [
      'an imported client exported again',
      "import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';\nexport { EventBridgeClient, PutEventsCommand };",
      [['EventBridgeClient', 'EventBridgeClient']],
    ],
    [
      'a client re-exported under another name',
      "export { SQSClient as QueueClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
      [['QueueClient', 'SQSClient']],
    ],
    ['a type-only re-export', "export type { S3Client } from '@aws-sdk/client-s3';", []],
    [
      'a project class of a client name',
      'export class SESClient { constructor(readonly endpoint: string) {} }',
      [],
    ],
    [
      'another package’s client',
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport { DynamoDBDocumentClient };",
      [],
    ],
  ])('%s', (_name, source, expected) => {
    // Prepare
    const ctx = contextOf(source);

    // Act
    const found = [...sdkClientExports(ctx)];

    // Assess
    expect(found).toEqual(expected);
  });
});
