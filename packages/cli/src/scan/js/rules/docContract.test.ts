// A catch whose function's doc comment states its failure contract ("Always resolves", "Does not throw",
// "fail-open"), and a catch comment that falls back to another answer by decision: swallowed-error leaves
// them, whether the catch only logs or answers a default. A doc with no contract, or one a TODO undoes, does not.
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { tempTrees } from '../../testing/tempTrees.js';

const tree = tempTrees('bulwark-doc-contract-');

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: api.handler
      Runtime: nodejs20.x
      Timeout: 10
      Events:
        Post:
          Type: Api
          Properties:
            Path: /things
            Method: post
`;

/** The service: one function whose doc comment is `doc` and whose catch is `handled`, called by the handler. */
const API = (
  doc: string,
  handled: string,
) => `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({ requestHandler: { requestTimeout: 3000 } });

${doc}
async function readFlag(name) {
  try {
    const out = await ddb.send(new GetItemCommand({ TableName: 'flags', Key: { name: { S: name } } }));
    return out.Item?.on?.BOOL === true;
  } catch (err) {
    ${handled}
  }
}

export const handler = async (event) => {
  const on = await readFlag(event.body);
  return { statusCode: 200, body: JSON.stringify({ on }) };
};
`;

async function reported(doc: string, handled: string): Promise<number[]> {
  const root = tree({ 'template.yaml': TEMPLATE, 'src/api.js': API(doc, handled) });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/api.js' && f.rule === 'swallowed-error')
    .map((f) => f.line);
}

const DEFAULT = "console.error('flag read failed', err);\n    return false;";
const LOG_ONLY = "console.error('flag read failed', err);";

describe('a failure contract stated in the doc comment', () => {
  it.each([
    ['/** Returns false on any error: fail-open, so an outage never blocks a request. */', DEFAULT],
    ['/** Always resolves; a missing flag reads as off. */', DEFAULT],
    [
      '/**\n * Reads one flag.\n * Does not throw; failures are logged only so request handling is not affected.\n */',
      LOG_ONLY,
    ],
    [
      '/** Reads one flag. */',
      '// Fall back to an empty result, but log enough to diagnose.\n    console.error(err);\n    return false;',
    ],
  ])('decides the catch under %s', async (doc, handled) => {
    expect(await reported(doc, handled)).toEqual([]);
  });

  it.each([
    ['/** Reads one flag from the table. */', DEFAULT],
    ['/** TODO: this should not throw on a missing flag. */', DEFAULT],
    ['/** Reads one flag. Callers fall back to the default when it is missing. */', DEFAULT],
    [
      '/** Reads one flag. */',
      '// We do not fall back to a default here.\n    console.error(err);\n    return false;',
    ],
  ])('keeps the catch under %s', async (doc, handled) => {
    expect(await reported(doc, handled)).toEqual([9]);
  });
});
