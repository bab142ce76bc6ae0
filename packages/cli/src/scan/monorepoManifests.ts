// Monorepo tools that list the project's packages outside package.json `workspaces`: Rush's rush.json
// (`projects: [{ packageName, projectFolder }]`, JSON with comments) and Lerna's lerna.json (`packages`
// globs, `packages/*` when it names none). Their packages are imported by name like npm workspaces'.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { insideRoot } from './insideRoot.js';
import { parseJsonc } from './tsconfigPaths.js';

function readJsonc(path: string, root: string | undefined): Record<string, unknown> | undefined {
  if (!existsSync(path) || !insideRoot(root, path)) return undefined; // a manifest linked from outside is absent
  try {
    const parsed = parseJsonc(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The package folders rush.json lists in `dir`, and the workspace patterns lerna.json gives there (for
 * the caller to expand as it does `workspaces`).
 *
 * @example
 * monorepoManifests('/repo') // { folders: ['/repo/lib/common', ...], patterns: [] }
 */
export function monorepoManifests(dir: string, root?: string): { folders: string[]; patterns: string[] } {
  const folders: string[] = [];
  const rush = readJsonc(join(dir, 'rush.json'), root);
  if (Array.isArray(rush?.projects))
    for (const p of rush.projects as unknown[]) {
      const folder = (p as { projectFolder?: unknown } | null)?.projectFolder;
      if (typeof folder === 'string') folders.push(resolve(dir, folder));
    }
  const lerna = readJsonc(join(dir, 'lerna.json'), root);
  const patterns =
    lerna === undefined
      ? []
      : Array.isArray(lerna.packages)
        ? (lerna.packages as unknown[]).filter((p): p is string => typeof p === 'string')
        : ['packages/*'];
  return { folders, patterns };
}
