// Runs every benchmark once at tiny size, so a benchmark that no longer runs fails the build.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Benchmark } from './harness.js';

const srcDir = join(import.meta.dirname, 'src');
const files = readdirSync(srcDir).filter((f) => f.endsWith('.bench.ts'));

describe('benchmarks at tiny size', () => {
  it.runIf(files.length > 0).each(files)(
    '%s runs and reports numbers',
    async (file) => {
      const bench = ((await import(join(srcDir, file))) as { default: Benchmark }).default;
      const result = await bench.run('tiny');
      expect(result.tables.length).toBeGreaterThan(0);
      for (const table of result.tables) expect(table.rows.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
