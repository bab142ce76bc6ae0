// Which awaited `.catch` chains that log and answer a stand-in swallowed-error reports (chainStandIn.ts),
// scanned as a handler module on a v3 aggregated client.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

const HEAD = `const { DynamoDB } = require('@aws-sdk/client-dynamodb');
const ddb = new DynamoDB({});
`;

/** The rules reported on the line of `.catch(` in a handler whose body is `body`. */
async function reportedAtCatch(body: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'chain-standins-'));
  const source = `${HEAD}exports.handler = async (event) => {\n${body}\n};\n`;
  writeFileSync(join(root, 'h.js'), source);
  const line = source.split('\n').findIndex((l) => l.includes('.catch(')) + 1;
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.line === line).map((f) => f.rule);
}

const GET = `const item = await ddb.getItem({ TableName: 't', Key: event.key })
    .then((res) => res.Item ?? null)`;

describe('chainStandIn', () => {
  it.each([
    [
      `${GET}\n    .catch((err) => { console.log(err); return null; });\n  return { statusCode: 200, body: JSON.stringify({ item }) };`,
    ],
    [
      `${GET}\n    .catch((err) => { console.log(err); return []; });\n  return { statusCode: 200, body: JSON.stringify(item) };`,
    ],
    [
      `await ddb.updateItem({ TableName: 't', Key: event.key })\n    .then().catch((err) => { console.log(err); });\n  return { statusCode: 200 };`,
    ],
    [
      `return ddb.getItem({ TableName: 't', Key: event.key })\n    .catch((err) => { console.error(err); return undefined; });`,
    ],
  ])('reports the stand-in of a failed call: %s', async (body) => {
    // Act
    const rules = await reportedAtCatch(body);

    // Assess
    expect(rules).toContain('swallowed-error');
  });

  it.each([
    // The reader fails on the stand-in: the request fails, nothing passes for "nothing".
    [
      `${GET}\n    .catch((err) => { console.log(err); return null; });\n  if (!item) throw new Error('lookup failed');\n  return { statusCode: 200 };`,
    ],
    // The rejection goes on.
    [
      `${GET}\n    .catch((err) => { console.log(err); return Promise.reject(err); });\n  return { statusCode: 200, body: JSON.stringify(item) };`,
    ],
    // Not I/O: a parse answered with a default.
    [
      `const body = await Promise.resolve(event.body).then((b) => JSON.parse(b))\n    .catch((err) => { console.log(err); return {}; });\n  return { statusCode: 200, body: JSON.stringify(body) };`,
    ],
    // Cleanup only: a failed delete leaves garbage, and loses none of the work asked for.
    [
      `await ddb.deleteItem({ TableName: 't', Key: event.key }).then(() => ddb.deleteItem({ TableName: 'u', Key: event.key }))\n    .catch((err) => { console.log(err); });\n  return { statusCode: 204 };`,
    ],
    // A yes/no the code reads.
    [
      `const ok = await ddb.putItem({ TableName: 't', Item: event.item }).then((r) => !r.Attributes)\n    .catch((err) => { console.log(err); return false; });\n  if (!ok) return { statusCode: 503 };\n  return { statusCode: 201 };`,
    ],
    // Cleanup only, answering a stand-in: a failed delete loses none of the work asked for.
    [
      `const gone = await ddb.deleteItem({ TableName: 't', Key: event.key }).then(() => ddb.deleteItem({ TableName: 'u', Key: event.key }))\n    .catch((err) => { console.log(err); return null; });\n  return { statusCode: 200, body: JSON.stringify({ gone }) };`,
    ],
    // A yes/no kept in a name, even when nothing fails on it: flagChains.ts judges a flag.
    [
      `const ok = await ddb.putItem({ TableName: 't', Item: event.item }).then((r) => !r.Attributes)\n    .catch((err) => { console.log(err); return false; });\n  return { statusCode: 200, body: JSON.stringify({ ok }) };`,
    ],
    // A callback's returned chain: its answer goes to whatever invokes the callback, not in sight here.
    [
      `const items = await Promise.all(event.keys.map((k) => ddb.getItem({ TableName: 't', Key: k }).catch((err) => { console.log(err); return null; })));\n  return { statusCode: 200, body: JSON.stringify(items) };`,
    ],
    // The decision stated in the callback.
    [
      `${GET}\n    .catch((err) => { // best effort: a missing item only drops the badge\n      console.log(err); return null; });\n  return { statusCode: 200, body: JSON.stringify({ item }) };`,
    ],
  ])('stays silent: %s', async (body) => {
    // Act
    const rules = await reportedAtCatch(body);

    // Assess
    expect(rules).not.toContain('swallowed-error');
  });

  it('reports a null read as a 403 as infra-error-as-auth, not swallowed-error', async () => {
    // Act
    const rules = await reportedAtCatch(
      `const response = { statusCode: 200 };\n  ${GET}\n    .catch((err) => { console.log(err); return null; });\n  if (!item || !item.credits) { response.statusCode = 403; return response; }\n  return response;`,
    );

    // Assess
    expect(rules).toContain('infra-error-as-auth');
    expect(rules).not.toContain('swallowed-error');
  });
});
