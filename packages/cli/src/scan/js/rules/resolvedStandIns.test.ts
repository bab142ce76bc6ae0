// Which promise-wrapper failure branches the swallowed-error rule reports, scanned as a handler module.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

const HEAD = `import * as aws from 'aws-sdk';
const db = new aws.DynamoDB.DocumentClient({ httpOptions: { timeout: 5000 } });
`;

/** The lines swallowed-error reports in a module of `body` and a handler calling `wrapper(...)`. */
async function reported(body: string, handler: string): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), 'standins-'));
  writeFileSync(
    join(root, 'h.ts'),
    `${HEAD}${body}\nexport const handler = async (event: { id: string }) => {\n${handler}\n};\n`,
  );
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.rule === 'swallowed-error').map((f) => f.line);
}

const TWO_FAILURES = `function both(a: string): Promise<boolean> {
  return new Promise(async (resolve) => {
    try {
      await db.put({ TableName: 't', Item: { a } }).promise();
    } catch (e) {
      resolve(false);
      return;
    }
    db.put({ TableName: 't', Item: { b: a } }, (err) => {
      if (err) {
        resolve(false);
        return;
      }
      resolve(true);
    });
  });
}`;

const QUERY = (branch: string) => `function count(a: string): Promise<number | null> {
  return new Promise((resolve) => {
    db.query({ TableName: 't' }, (err, data) => {
      if (err) {
        ${branch}
      }
      resolve(data.Count ?? 0);
    });
  });
}`;

describe('resolvedStandInRule', () => {
  it('reports two failure branches resolving false: neither makes false an ordinary answer', async () => {
    // Act
    const lines = await reported(TWO_FAILURES, '  await both(event.id);\n  return { statusCode: 200 };');

    // Assess
    expect(lines).toEqual([7, 12]);
  });

  it('reports a wrapper whose caller goes on in its try after the call', async () => {
    // Act
    const lines = await reported(
      QUERY('resolve(null);\n        return;'),
      `  try {\n    const n = await count(event.id);\n    await db.put({ TableName: 't', Item: { n } }).promise();\n  } catch (e) {\n    console.error(e);\n  }`,
    );

    // Assess
    expect(lines).toContain(6);
  });

  it('leaves a callback branch that states its decision', async () => {
    // Act
    const lines = await reported(
      QUERY('// Best effort: the count is optional.\n        resolve(null);\n        return;'),
      '  const n = await count(event.id);\n  return { statusCode: 200, body: String(n) };',
    );

    // Assess
    expect(lines).not.toContain(6);
  });
});
