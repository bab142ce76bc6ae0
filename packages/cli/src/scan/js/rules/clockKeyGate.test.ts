// The fixture corpus cannot test the random-word gate of random-id-nondeterministic: its `expect:` markers
// spell the rule's name, and so the word "random", in every file. A consumer whose key takes its clock part
// from a project helper may spell no such word at all, and must still be read; so may a module with no
// handler that writes a record under a project id helper's answer (`id: newRecordId()`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

describe('random-id-nondeterministic in a consumer with no random word of its own', () => {
  it('reports a key whose clock part comes from a project helper', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-clock-key-'));
    writeFileSync(
      join(root, 'stamps.ts'),
      'export function stampSeconds(): number {\n  return Math.floor(Date.now() / 1000);\n}\n',
    );
    writeFileSync(
      join(root, 'consumer.ts'),
      [
        "import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';",
        "import type { SQSEvent } from 'aws-lambda';",
        "import { stampSeconds } from './stamps.js';",
        '',
        'const s3 = new S3Client({ requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000, throwOnRequestTimeout: true } });',
        '',
        'export const handler = async (event: SQSEvent): Promise<void> => {',
        '  for (const record of event.Records) {',
        '    await s3.send(',
        '      new PutObjectCommand({',
        '        Bucket: process.env.BUCKET,',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanned module's own template literal
        '        Key: `${stampSeconds()}-${record.messageId}.json`,',
        '        Body: record.body,',
        '      }),',
        '    );',
        '  }',
        '};',
        '',
      ].join('\n'),
    );

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const keys = result.findings.filter((f) => f.rule === 'random-id-nondeterministic');
    expect(keys.map((f) => `${f.file}:${f.line}`)).toEqual(['consumer.ts:12']);
  });

  it('reports a record key from a project id helper in a shared module with no random word', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'bulwark-helper-key-'));
    writeFileSync(
      join(root, 'ids.ts'),
      "import { ulid } from 'ulid';\n\nexport const newRecordId = (): string => ulid();\n",
    );
    writeFileSync(
      join(root, 'alertService.ts'),
      [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';",
        "import { newRecordId } from './ids.js';",
        '',
        'const doc = DynamoDBDocumentClient.from(',
        '  new DynamoDBClient({ requestHandler: { requestTimeout: 3000, connectionTimeout: 1000, throwOnRequestTimeout: true } }),',
        ');',
        '',
        'export async function createAlert(userId: string, title: string): Promise<void> {',
        '  await doc.send(new PutCommand({ TableName: process.env.ALERTS_TABLE, Item: { userId, title, id: newRecordId() } }));',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(root, 'consumer.ts'),
      [
        "import type { SQSEvent } from 'aws-lambda';",
        "import { createAlert } from './alertService.js';",
        '',
        'export const handler = async (event: SQSEvent): Promise<void> => {',
        '  for (const record of event.Records) {',
        '    const { userId, title } = JSON.parse(record.body) as { userId: string; title: string };',
        '    await createAlert(userId, title);',
        '  }',
        '};',
        '',
      ].join('\n'),
    );

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const keys = result.findings.filter((f) => f.rule === 'random-id-nondeterministic');
    expect(keys.map((f) => `${f.file}:${f.line}`)).toEqual(['alertService.ts:10']);
  });
});
