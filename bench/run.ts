// `npm run bench`: runs every bench/src/*.bench.ts at full size (or those named on the command line).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Benchmark, formatTable } from './harness.js';

const srcDir = join(import.meta.dirname, 'src');
const resultsDir = join(import.meta.dirname, 'results');
const only = new Set(process.argv.slice(2));

mkdirSync(resultsDir, { recursive: true });
for (const file of readdirSync(srcDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const bench = ((await import(join(srcDir, file))) as { default: Benchmark }).default;
  if (only.size > 0 && !only.has(bench.name)) continue;
  const result = await bench.run('full');
  for (const table of result.tables) console.log(`${formatTable(table)}\n`);
  writeFileSync(
    join(resultsDir, `${bench.name}.json`),
    `${JSON.stringify({ node: process.version, at: new Date().toISOString(), ...result.data }, null, 2)}\n`,
  );
}
