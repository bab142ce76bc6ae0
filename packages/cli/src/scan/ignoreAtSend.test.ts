// A batch answer's logged-only failures are reported at the `if` that tests them (r58 anchor), below the
// send where they used to be: an ignore directive written at the send must still silence them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const HEAD = [
  "import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';",
  "import { NodeHttpHandler } from '@smithy/node-http-handler';",
  'const sqs = new SQSClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 300, requestTimeout: 1_000, throwOnRequestTimeout: true }) });',
  'export const handler = async (event: { detail: { bodies: string[] } }): Promise<void> => {',
];
const SEND =
  'const res = await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.Q, Entries: event.detail.bodies.map((b, i) => ({ Id: String(i), MessageBody: b })) }));';
const TEST = ["  if (res.Failed?.length) {\n    console.error('not queued', res.Failed);\n  }", '};'];

/** The swallowed-error findings and ignored findings of one handler module, by line. */
async function scanned(body: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-ignore-send-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'package.json'), '{"name":"p","dependencies":{"@aws-sdk/client-sqs":"3"}}');
  writeFileSync(join(dir, 'src', 'h.ts'), [...HEAD, ...body, ...TEST].join('\n'));
  const result = await scan({ root: dir });
  const lines = (fs: readonly { rule: string; line: number }[]) =>
    fs.filter((f) => f.rule === 'swallowed-error').map((f) => f.line);
  return { reported: lines(result.findings), ignored: lines(result.ignored) };
}

describe('an ignore directive at a send reported at its test', () => {
  it.each([
    [
      'on the line above the send',
      ['  // bulwark-ignore swallowed-error: the sweeper re-sends', `  ${SEND}`],
    ],
    ['after the send on its line', [`  ${SEND} // bulwark-ignore swallowed-error: the sweeper re-sends`]],
  ])('%s silences it', async (_, body) => {
    // Act
    const { reported, ignored } = await scanned(body as string[]);

    // Assess
    expect(reported).toEqual([]);
    expect(ignored).toHaveLength(1);
  });

  it('reports it at the test when nothing silences it', async () => {
    // Act
    const { reported } = await scanned([`  ${SEND}`]);

    // Assess
    expect(reported).toEqual([6]);
  });
});
