// `dist` and `build` are skipped as build output, generated from sources the walk reads anyway. A
// workspace package can carry one of those names and hold source of its own (`packages/build`, a CodeBuild
// runner's Lambda): skipping it by name lost its handlers without a word in the report.
import type { Dirent } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder names the built-in excludes treat as build output. */
const OUTPUT_NAMES = new Set(['dist', 'build']);

/**
 * Whether a folder named like build output is a source package of its own: it has a package.json with a
 * name, and the folder holding it is no package (`parentEntries` has no package.json). A package's own
 * output (`api/dist`, beside `api/package.json`) stays skipped, even when the build copied a package.json
 * into it.
 * @example
 * outputNamedPackage('/repo/packages/build', 'build', readdirSync('/repo/packages', { withFileTypes: true })) // true
 */
export function outputNamedPackage(dir: string, name: string, parentEntries: readonly Dirent[]): boolean {
  if (!OUTPUT_NAMES.has(name)) return false;
  if (parentEntries.some((e) => e.name === 'package.json' && e.isFile())) return false;
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return typeof (manifest as { name?: unknown } | null)?.name === 'string';
  } catch {
    return false;
  }
}
