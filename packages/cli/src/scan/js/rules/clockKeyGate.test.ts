// The fixture corpus cannot test the random-word gate of random-id-nondeterministic: its `expect:` markers
// spell the rule's name, and so the word "random", in every file. A consumer whose key takes its clock part
// from a project helper may spell no such word at all, and must still be read.
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
});
