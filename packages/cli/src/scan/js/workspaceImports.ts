// Which import sources may name the project's own code once the project pass resolves them: a relative
// path, or any package name that is neither Node's nor a public scope's. A workspace package is imported
// by its bare name (`@acme/common`, `solution-utils`, `@digitraffic/common/dist/utils`), and which names
// are the project's own is known only to the project pass (workspaces.ts, monorepoManifests.ts,
// tsconfigPaths.ts): a fact recorded for such an import is resolved there, and dropped when it names a
// library, exactly as one of a relative import that names no scanned module.
import { builtinModules } from 'node:module';
import { isProjectSource } from './ModuleContext.js';

const NODE_BUILTINS = new Set(builtinModules);

/**
 * Could `source` be the project's own module, relative or a workspace package?
 *
 * @example
 * mayBeWorkspaceImport('solution-utils') // true; mayBeWorkspaceImport('node:fs') // false
 */
export function mayBeWorkspaceImport(source: string): boolean {
  if (isProjectSource(source)) return true;
  if (source.startsWith('@') || source.startsWith('node:')) return false;
  return !NODE_BUILTINS.has(source.split('/')[0] as string);
}
