// Builds the workspace and packs every published package with `npm pack`, as the registry would receive it.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = join(import.meta.dirname, '..', '..');

export interface Tarball {
  readonly name: string;
  readonly file: string;
  /** The paths inside the tarball, relative to the package. */
  readonly files: readonly string[];
}

export function publishedPackages(): { dir: string; name: string }[] {
  return readdirSync(join(ROOT, 'packages')).map((dir) => ({
    dir,
    name: String(JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')).name),
  }));
}

export async function packTarballs(destination: string): Promise<Tarball[]> {
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: ROOT, maxBuffer: 1 << 26 });
  const packages = publishedPackages();
  const { stdout } = await run(
    'npm',
    [
      'pack',
      '--json',
      '--pack-destination',
      destination,
      ...packages.map(({ dir }) => `--workspace=packages/${dir}`),
    ],
    { cwd: ROOT, maxBuffer: 1 << 26 },
  );
  const packed = JSON.parse(stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return packed.map(({ name, filename, files }) => ({
    name,
    file: join(destination, filename),
    files: files.map((f) => f.path),
  }));
}
