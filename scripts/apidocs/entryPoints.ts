// The public entry points of every package, read from their `exports` maps (the `@bulwark/source`
// condition names the source file): what the API reference must document, and the module names to show.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** One import path of a package and the source file behind it. */
export interface PackageEntryPoint {
  /** What users import: `@bulwark/lambda/middy`. */
  readonly name: string;
  /** Relative to the repository root: `packages/lambda/src/middy/index.ts`. */
  readonly source: string;
}

/** Every package's public entry points, in package order. */
export function packageEntryPoints(): PackageEntryPoint[] {
  const entries: PackageEntryPoint[] = [];
  for (const dir of readdirSync(join(repoRoot, 'packages')).sort()) {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source =
        typeof target === 'object' && target !== null ? Reflect.get(target, '@bulwark/source') : undefined;
      if (typeof source !== 'string') continue;
      entries.push({
        name: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        source: join('packages', dir, source).replaceAll('\\', '/'),
      });
    }
  }
  return entries;
}
