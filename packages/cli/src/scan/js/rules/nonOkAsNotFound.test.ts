// Which status tests the non-ok-as-not-found swallowed-error rule reports, scanned as a handler module.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

/** Whether swallowed-error reports the `if (res.status !== 200)` line of a handler with `before` ahead of it. */
async function reportsTest(before: string, answer = 'notFound()'): Promise<boolean> {
  const root = mkdtempSync(join(tmpdir(), 'nonok-'));
  const source = `const notFound = () => ({ statusCode: 404, body: '' });
function httpError(status: number) {
  if (status === 404) return { statusCode: 404, body: '' };
  return { statusCode: status, body: '' };
}
const get = (p: string, body?: unknown) => fetch(p, { method: body === undefined ? 'GET' : 'POST', signal: AbortSignal.timeout(5000) });
export const handler = async (event: { id: string }) => {
  const res = await get(event.id);
  ${before}
  if (res.status !== 200) return ${answer};
  return { statusCode: 200, body: await res.text() };
};
`;
  writeFileSync(join(root, 'h.ts'), source);
  const result = await scan({ root, workers: 0 });
  return result.findings.some((f) => f.rule === 'swallowed-error' && f.line === 10);
}

describe('nonOkAsNotFoundRule', () => {
  it.each([
    ['nothing singled out', '', true],
    ['a comment that only mentions the 404 test', '// res.status === 404 is not told apart yet', true],
    ['[404, 410].includes(res.status)', 'if ([404, 410].includes(res.status)) return notFound();', false],
    ['404 === res.status', 'if (404 === res.status) return notFound();', false],
    ['a switch with case 404', 'switch (res.status) { case 404: return notFound(); }', false],
  ])('%s', async (_name, before, expected) => {
    // Act
    const result = await reportsTest(before);

    // Assess
    expect(result).toBe(expected);
  });

  it('leaves a local answer handed the response status', async () => {
    // Act
    const result = await reportsTest('', 'httpError(res.status)');

    // Assess
    expect(result).toBe(false);
  });
});
