// An export only the package's tests call is API kept under test: its findings stay, where an export nothing
// names at all is dropped as dead code (unnamedExports.ts).
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-test-callers-');

/** A scale-down service whose handler imports sqs.ts for deleteMessage only; `tests` are the package's test files. */
function service(tests: Readonly<Record<string, string>>): string {
  return tree({
    'package.json':
      '{ "name": "runners", "private": true, "dependencies": { "@aws-sdk/client-sqs": "^3.600.0" } }\n',
    'src/sqs.ts': [
      "import { SQS } from '@aws-sdk/client-sqs';",
      'export async function deleteMessage(url: string, handle: string) {',
      '  const sqs = new SQS({ requestHandler: { requestTimeout: 3000, throwOnRequestTimeout: true } });',
      '  await sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: handle });',
      '}',
      'export async function changeVisibility(url: string, handles: string[]) {',
      '  const sqs = new SQS({});',
      '  await sqs.changeMessageVisibilityBatch({ QueueUrl: url, Entries: handles.map((h, i) => ({ Id: String(i), ReceiptHandle: h, VisibilityTimeout: 0 })) });',
      '}',
      '',
    ].join('\n'),
    'src/handler.ts': [
      "import type { SQSEvent } from 'aws-lambda';",
      "import { deleteMessage } from './sqs';",
      'export const handler = async (event: SQSEvent) => {',
      '  for (const r of event.Records) await deleteMessage(process.env.QUEUE_URL ?? "", r.receiptHandle);',
      '};',
      '',
    ].join('\n'),
    ...tests,
  });
}

async function clientLines(root: string): Promise<number[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/sqs.ts' && f.rule === 'sdk-client-no-timeout')
    .map((f) => f.line);
}

const CALLS = "changeVisibility('q', ['h']);\n";

describe('an export only tests call', () => {
  it.each([
    ['a test beside it', { 'src/sqs.test.ts': `import { changeVisibility } from './sqs';\n${CALLS}` }],
    ['a test in a test folder', { 'test/sqs.spec.ts': `import * as sqs from '../src/sqs';\nsqs.${CALLS}` }],
  ])('keeps its findings (%s)', async (_, tests) => {
    // Prepare
    const root = service(tests);

    // Act
    const lines = await clientLines(root);

    // Assess
    expect(lines).toEqual([7]);
  });

  it.each([
    ['no test at all', {}],
    [
      'a test of another module with a function of the same name',
      { 'src/other.test.ts': `import { changeVisibility } from './other';\n${CALLS}` },
    ],
  ])('drops them when no test calls it: %s (trap)', async (_, tests) => {
    // Prepare
    const root = service(tests);

    // Act
    const lines = await clientLines(root);

    // Assess
    expect(lines).toEqual([]);
  });
});
