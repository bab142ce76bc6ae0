// `catch { continue }` around a read of another system in a loop: the empty catch of a loop, reported; not
// around local work, not with a comment giving the reason, not in a job that selects its own work each run.
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { tempTrees } from '../../testing/tempTrees.js';

const tree = tempTrees('bulwark-bare-continue-');

const TEMPLATE = (events: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Find:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: find.handler
      Runtime: nodejs20.x
      Timeout: 10
      Events:
${events}`;
const API = `        Get:
          Type: Api
          Properties:
            Path: /things/{id}
            Method: get
`;
const SCHEDULE = `        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
`;

/** A search over S3 objects whose catch is `handled`; the handler reads its event unless `job`. */
const FIND = (
  handled: string,
  work = 'JSON.parse((await s3.send(new GetObjectCommand({ Bucket: "b", Key: key }))).Body)',
  job = false,
) => `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({ requestHandler: { requestTimeout: 3000 } });

async function findThing(keys, id) {
  for (const key of keys) {
    try {
      const meta = ${work};
      if (meta.id === id) return meta;
    } catch {
      ${handled}
    }
  }
  return null;
}

export const handler = async (${job ? '' : 'event'}) => {
  const found = await findThing(['a.json', 'b.json'], ${job ? "'latest'" : 'event.pathParameters.id'});
  if (!found) return { statusCode: 404, body: 'not found' };
  return { statusCode: 200, body: JSON.stringify(found) };
};
`;

async function reported(template: string, source: string): Promise<number[]> {
  const root = tree({ 'template.yaml': template, 'src/find.js': source });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/find.js' && f.rule === 'swallowed-error')
    .map((f) => f.line);
}

describe('catch { continue }', () => {
  it('reports it around an S3 read in a search loop: a throttle answers "not found"', async () => {
    expect(await reported(TEMPLATE(API), FIND('continue;'))).toEqual([9]);
  });

  it.each([
    ['around local parsing only', TEMPLATE(API), FIND('continue;', 'JSON.parse(key)')],
    [
      'with a comment giving the reason',
      TEMPLATE(API),
      FIND('// unreadable objects are skipped on purpose\n      continue;'),
    ],
    ['in a scheduled job that selects its own work', TEMPLATE(SCHEDULE), FIND('continue;', undefined, true)],
  ])('leaves it %s', async (_, template, source) => {
    expect(await reported(template, source)).toEqual([]);
  });
});
