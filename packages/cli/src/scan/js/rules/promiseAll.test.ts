// promise-all-no-partial over lists a batch handler's helper derives from its event, over several lists
// spread into one Promise.all, and with SQL writes a `query` call's text decides.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

/** The lines of the promise-all-no-partial findings of one module (its first line is 1). */
async function fanOutLines(source: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-promise-all-'));
  writeFileSync(join(dir, 'handler.ts'), source);
  const result = await scan({ root: dir, workers: 0 });
  return result.findings.filter((f) => f.rule === 'promise-all-no-partial').map((f) => f.line);
}

const HEADER = `import type { DynamoDBStreamEvent } from 'aws-lambda';
import pg from 'pg';
const pool = new pg.Pool({ connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
function split(event: DynamoDBStreamEvent) {
  return { rows: { put: event.Records.map((r) => r.dynamodb?.NewImage), gone: event.Records.map((r) => r.eventID as string) } };
}
const text = (id: string) => \`DELETE FROM rows WHERE id = '\${id}'\`;
`;

describe('promise-all-no-partial through a helper of the batch handler', () => {
  it.each([
    [
      'a list destructured from a helper given the event',
      `export const handler = async (event: DynamoDBStreamEvent) => {
  const { rows } = split(event);
  await Promise.all(rows.gone.map((id) => pool.query(text(id))));
};`,
      [10],
    ],
    [
      'several lists spread into one Promise.all',
      `export const handler = async (event: DynamoDBStreamEvent) => {
  const { rows } = split(event);
  await Promise.all([...rows.put.map((r) => pool.query('SELECT 1', [r])), ...rows.gone.map((id) => pool.query(text(id)))]);
};`,
      [10],
    ],
    [
      'spread lists of which only the second is the batch',
      `const TABLES = ['audit', 'rows'];
export const handler = async (event: DynamoDBStreamEvent) => {
  const { rows } = split(event);
  await Promise.all([...TABLES.map((t) => pool.query(\`VACUUM \${t}\`)), ...rows.gone.map((id) => pool.query(text(id)))]);
};`,
      [11],
    ],
  ])('reports %s', async (_case, body, lines) => {
    // Act
    const found = await fanOutLines(HEADER + body);

    // Assess
    expect(found).toEqual(lines);
  });

  it.each([
    [
      'every spread list only reads',
      `export const handler = async (event: DynamoDBStreamEvent) => {
  const { rows } = split(event);
  await Promise.all([...rows.put.map(() => pool.query('SELECT 1')), ...rows.gone.map((id) => pool.query('SELECT id FROM rows WHERE id = $1', [id]))]);
};`,
    ],
    [
      'the helper is given a request, not a batch',
      `import type { APIGatewayProxyEvent } from 'aws-lambda';
const idsOf = (event: APIGatewayProxyEvent) => ({ ids: JSON.parse(event.body ?? '[]') as string[] });
export const handler = async (event: APIGatewayProxyEvent) => {
  const { ids } = idsOf(event);
  await Promise.all(ids.map((id) => pool.query(text(id))));
  return { statusCode: 204 };
};`,
    ],
    [
      "a package's function, not the module's, is given the event",
      `import { unmarshallAll } from 'stream-tools';
export const handler = async (event: DynamoDBStreamEvent) => {
  const { ids } = unmarshallAll(event);
  await Promise.all(ids.map((id: string) => pool.query(text(id))));
};`,
    ],
    [
      "the list is destructured from one record's body",
      `export const handler = async (event: DynamoDBStreamEvent) => {
  const { ids } = JSON.parse(String(event.Records[0].eventID)) as { ids: string[] };
  await Promise.all(ids.map((id) => pool.query(text(id))));
};`,
    ],
  ])('stays silent when %s', async (_case, body) => {
    // Act
    const found = await fanOutLines(HEADER + body);

    // Assess
    expect(found).toEqual([]);
  });
});
