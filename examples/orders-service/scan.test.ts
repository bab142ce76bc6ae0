// `bulwark scan` over the example finds nothing: the service is written the way the scan asks for.
import { scan } from '@bulwark/cli';
import { expect, it } from 'vitest';

it('bulwark scan finds nothing in examples/orders-service', async () => {
  // Act
  const result = await scan({ root: import.meta.dirname });
  // Assess
  expect(result.filesScanned).toBeGreaterThanOrEqual(10);
  expect(result.problems).toEqual([]);
  expect(result.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.snippet}`)).toEqual([]);
  expect(result.ignored).toEqual([]);
}, 60_000);
