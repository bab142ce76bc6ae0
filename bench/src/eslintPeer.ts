// ESLint as the scan's peer: its nearest rules (no-empty, no-console, and typescript-eslint's type-aware
// no-floating-promises) over the same explicit file list, timed in process CPU like the scan.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '../..');

/**
 * typescript-eslint needs TypeScript's JS API (TypeScript 6 in bench/node_modules), but ts-api-utils is
 * hoisted to the root, where `typescript` is the native TypeScript 7 without one. Point the root's
 * `require('typescript')` at TypeScript 6 before typescript-eslint loads.
 */
function loadLinters(): {
  ESLint: typeof import('eslint').ESLint;
  tseslint: typeof import('typescript-eslint').default;
} {
  const fromRoot = createRequire(join(repo, 'package.json'));
  const fromBench = createRequire(join(repo, 'bench/package.json'));
  const ts6 = fromBench('typescript') as { version: string };
  const rootTs = fromRoot.resolve('typescript');
  fromRoot.cache[rootTs] = { id: rootTs, filename: rootTs, loaded: true, exports: ts6 } as never;
  return {
    ESLint: (fromBench('eslint') as typeof import('eslint')).ESLint,
    tseslint: fromBench('typescript-eslint') as typeof import('typescript-eslint').default,
  };
}
/** Wall time, process CPU time and preemptions of one timed run. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
  /**
   * Times the kernel took the CPU away from this process to run another. On the shared 2-vCPU
   * machine this is what makes wall time exceed CPU time: the scan itself never waits on I/O.
   */
  readonly preempted: number;
}

/** Runs `fn` once and reports its wall time, process CPU time and preemptions. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T } & Timing> {
  const cpu = process.cpuUsage();
  const switches = process.resourceUsage().involuntaryContextSwitches;
  const start = performance.now();
  const value = await fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const preempted = process.resourceUsage().involuntaryContextSwitches - switches;
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000, preempted };
}

/**
 * ESLint over `files` with the scan's nearest rules; `typed` adds no-floating-promises, which builds a
 * TypeScript program from `dir`'s tsconfig.json.
 */
export async function eslintRun(
  dir: string,
  files: string[],
  typed: boolean,
): Promise<Timing & { problems: number }> {
  const { ESLint, tseslint } = loadLinters();
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.mts', '**/*.cts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { project: join(dir, 'tsconfig.json'), tsconfigRootDir: dir } : {},
        },
        plugins: { '@typescript-eslint': tseslint.plugin as never },
        rules: {
          'no-empty': 'error',
          'no-console': 'error',
          ...(typed ? { '@typescript-eslint/no-floating-promises': 'error' } : {}),
        },
      },
    ],
  });
  const t = await timed(() => eslint.lintFiles(files));
  return {
    wallMs: t.wallMs,
    cpuMs: t.cpuMs,
    preempted: t.preempted,
    problems: t.value.reduce((n, r) => n + r.messages.length, 0),
  };
}
