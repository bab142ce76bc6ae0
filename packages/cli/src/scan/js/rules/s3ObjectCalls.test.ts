// callsS3Object: the S3 object operations a block calls, in the v2 method and the v3 command shape.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { callsS3Object, type ObjectOperation } from './s3ObjectCalls.js';

function calls(block: string, operations: ObjectOperation[]): boolean {
  const parsed = parseSync('m.ts', `async function f() {\n${block}\n}`, {
    experimentalRawTransfer: true,
  } as Parameters<typeof parseSync>[2]);
  const fn = (parsed.program as unknown as Node).body[0] as Node;
  return callsS3Object(fn.body as Node, operations);
}

describe('callsS3Object', () => {
  it.each([
    ['v2 headObject', 'await s3.headObject({ Bucket, Key }).promise();', ['Head'], true],
    ['v3 HeadObjectCommand', 'await s3.send(new HeadObjectCommand({ Bucket, Key }));', ['Head'], true],
    ['v2 getObject asked for Head only', 'await s3.getObject({ Bucket, Key }).promise();', ['Head'], false],
    [
      'v3 GetObjectCommand asked for Head or Get',
      'await s3.send(new GetObjectCommand({ Bucket, Key }));',
      ['Head', 'Get'],
      true,
    ],
    [
      'another operation',
      'await s3.send(new PutObjectCommand({ Bucket, Key, Body }));',
      ['Head', 'Get'],
      false,
    ],
  ] as [string, string, ObjectOperation[], boolean][])('%s', (_, block, operations, expected) => {
    expect(calls(block, operations)).toBe(expected);
  });
});
