// Cold import of the built @bulwark packages, measured in fresh node processes: what a Lambda cold start
// pays for `import { sqsHandler } from '@bulwark/lambda'` next to what Powertools alone costs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchSize, median } from '../harness.js';

const root = join(import.meta.dirname, '..', '..');

/** Builds @bulwark/lambda and the packages it imports (declarations, then the esbuild bundle: `npm run build`
 * in each). Returns false when the build failed but an older dist exists. */
export function buildLambda(): boolean {
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  const result = spawnSync(
    turbo,
    ['run', 'build', '--filter=@bulwark/lambda...', '--output-logs=errors-only'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (result.status === 0) return true;
  if (!existsSync(join(root, 'packages/lambda/dist/index.js'))) {
    throw new Error(`lambda.bench: building @bulwark/lambda failed:\n${result.stdout}${result.stderr}`);
  }
  console.warn(`lambda.bench: build failed, measuring the existing dist:\n${result.stdout}${result.stderr}`);
  return false;
}

/** Milliseconds to import `specifiers` in a fresh node process (after the ESM loader itself is warm). */
function coldImportMs(specifiers: readonly string[]): number {
  const script = `
    await import('node:fs');
    const t0 = performance.now();
    await Promise.all(${JSON.stringify(specifiers)}.map((s) => import(s)));
    process.stdout.write(String(performance.now() - t0));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`lambda.bench: importing ${specifiers.join(', ')} failed:\n${result.stderr}`);
  return Number(result.stdout);
}

/**
 * Cold-import times of the built packages against Powertools batch + logger, each in a fresh node
 * process, interleaved so that drift on the shared machine hits every target alike.
 */
export function coldImports(size: BenchSize) {
  const dist = (p: string) => `file://${join(root, 'packages/lambda/dist', p)}`;
  const targets = {
    baseline: ['@aws-lambda-powertools/batch', '@aws-lambda-powertools/logger'],
    // What the root entry cannot go below while it extends @bulwark/errors' classes: the baseline plus errors.
    baselineAndErrors: [
      '@aws-lambda-powertools/batch',
      '@aws-lambda-powertools/logger',
      `file://${join(root, 'packages/errors/dist/index.js')}`,
    ],
    lambda: [dist('index.js')],
    middy: [dist('middy/index.js')],
    errors: [`file://${join(root, 'packages/errors/dist/index.js')}`],
    policies: [`file://${join(root, 'packages/policies/dist/index.js')}`],
  } as const;
  const runs = size === 'tiny' ? 1 : 15;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [key, specifiers] of Object.entries(targets)) samples[key]?.push(coldImportMs(specifiers));
  }
  const ms = {
    baseline: median(samples.baseline ?? []),
    baselineAndErrors: median(samples.baselineAndErrors ?? []),
    lambda: median(samples.lambda ?? []),
    middy: median(samples.middy ?? []),
    errors: median(samples.errors ?? []),
    policies: median(samples.policies ?? []),
  };
  return { ms, runs };
}
