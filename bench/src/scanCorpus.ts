// The scan benchmark's corpus: real TypeScript installed offline (the AWS SDK v3 and Smithy packages'
// published .d.ts plus the .ts sources shipped by msw, @mswjs/interceptors and ajv), copied out of
// node_modules into a temp directory because ESLint ignores node_modules.
import {
  copyFileSync,
  type Dirent,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { BenchSize } from '../harness.js';

const repo = join(import.meta.dirname, '../..');

/** Where the corpus comes from, under the repository root (reported with the results). */
export const SOURCES = [
  'node_modules/@aws-sdk',
  'node_modules/@smithy',
  'node_modules/msw/src',
  'node_modules/@mswjs/interceptors/src',
  'node_modules/ajv/lib',
];

function listTs(dir: string, out: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a source missing on this machine just makes the corpus smaller
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') listTs(path, out);
    } else if (e.isFile() && /\.(ts|mts|cts)$/.test(e.name)) out.push(path);
  }
}

/**
 * Copies the corpus out of node_modules (ESLint ignores node_modules) into one temp directory, with a
 * tsconfig.json over exactly those files for typescript-eslint's typed run.
 *
 * @example const { dir, files } = buildCorpus('tiny'); // 40 files
 */
export function buildCorpus(size: BenchSize): { dir: string; files: string[]; bytes: number } {
  const all: string[] = [];
  for (const s of SOURCES) listTs(join(repo, s), all);
  all.sort();
  const picked =
    size === 'tiny' ? all.filter((_, i) => i % Math.ceil(all.length / 40) === 0).slice(0, 40) : all;
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-scan-bench-'));
  const files: string[] = [];
  let bytes = 0;
  for (const from of picked) {
    const to = join(dir, relative(join(repo, 'node_modules'), from));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    bytes += statSync(to).size;
    files.push(to);
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: true,
        noEmit: true,
        types: [],
        strict: true,
      },
      files: files.map((f) => relative(dir, f)),
    }),
  );
  return { dir, files, bytes };
}
