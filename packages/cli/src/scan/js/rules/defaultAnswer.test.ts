// A catch that hands back its function's default parameter after failed I/O (`return defaultValue`) answers
// a default, as `return []` does: reported unless a comment decides it; a parameter not named as a default
// (the input handed back) is no default answer.
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { tempTrees } from '../../testing/tempTrees.js';

const tree = tempTrees('bulwark-default-param-');

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Approve:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: approve.handler
      Runtime: nodejs20.x
      Timeout: 10
      Events:
        Post:
          Type: Api
          Properties:
            Path: /approve
            Method: post
`;

const APPROVE = (
  param: string,
  handled: string,
) => `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({ requestHandler: { requestTimeout: 3000 } });

async function readJson(key, ${param}) {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }));
    return JSON.parse(await out.Body.transformToString());
  } catch (error) {
    ${handled}
  }
}

export const handler = async (event) => {
  const approved = await readJson('approved.json', []);
  approved.push(JSON.parse(event.body).id);
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'approved.json', Body: JSON.stringify(approved) }));
  return { statusCode: 200, body: '' };
};
`;

async function reported(param: string, handled: string): Promise<number[]> {
  const root = tree({ 'template.yaml': TEMPLATE, 'src/approve.js': APPROVE(param, handled) });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/approve.js' && f.rule === 'swallowed-error')
    .map((f) => f.line);
}

describe("a catch that hands back the function's default parameter", () => {
  it.each(['defaultValue', 'fallback', 'defaults'])(
    'reports `return %s` after a failed read',
    async (name) => {
      expect(
        await reported(name, `console.warn('read failed, using default', error);\n    return ${name};`),
      ).toEqual([8]);
    },
  );

  it.each([
    ['a parameter not named as a default', 'input', "console.warn('read failed', error);\n    return input;"],
    [
      'a comment deciding the fallback',
      'defaultValue',
      '// Fall back to the default: the file is optional.\n    return defaultValue;',
    ],
  ])('leaves %s', async (_, param, handled) => {
    expect(await reported(param, handled)).toEqual([]);
  });

  it('leaves a default the try hands to the call itself, which answers it for its own failures', async () => {
    const handler = "console.warn('flag read failed', error);\n    return defaultValue;";
    const flag = APPROVE('defaultValue', handler).replace(
      "const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }));",
      "const out = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }), defaultValue);",
    );
    const root = tree({ 'template.yaml': TEMPLATE, 'src/approve.js': flag });
    const result = await scan({ root, workers: 0 });
    expect(result.findings.filter((f) => f.rule === 'swallowed-error').map((f) => f.line)).toEqual([]);
  });
});
