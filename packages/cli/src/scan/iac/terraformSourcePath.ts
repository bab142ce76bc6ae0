// Where a registry function module's code lives: its `source_path`. Its handler (`index.handler`) is
// relative to that folder, and a handler string as generic as `index.handler` alone would name every index
// module of the repository. A path from the module's own folder (`"${path.module}/../src/refunds"`) names
// one folder of the repository; one through a build's output (`${path.module}/dist/orders`) or a variable
// is known only by its last folder (`orders`), matched wherever a module path ends so.
import { posix } from 'node:path';
import { BUILD_OUTPUT } from './packageFolderHandlers.js';

/** A `source_path` as the handler strings need it. */
export interface SourcePath {
  /** The last folder it names (a file's folder when it names a file). */
  readonly folder: string;
  /** The folder relative to the Terraform file's folder, when the path says it from there. */
  readonly fromModule?: string;
  /** Does it pass through a build's output folder, whose sources live elsewhere? */
  readonly built: boolean;
}

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
/** Terraform's interpolation of the module's own folder, as written inside a string. */
const PATH_MODULE = `\${path.module}/`;
const INTERPOLATION = '${';

/**
 * Reads a `source_path` attribute's raw HCL.
 * @example
 * sourcePathOf('"${path.module}/../src/refunds"'); // { folder: 'refunds', fromModule: '../src/refunds', built: false }
 * sourcePathOf('"${path.module}/dist/orders"'); // { folder: 'orders', fromModule: 'dist/orders', built: true }
 */
export function sourcePathOf(raw: string | undefined): SourcePath | undefined {
  const path = /^"([^"]*)"$/.exec(raw ?? '')?.[1];
  if (path === undefined) return undefined;
  const parts = path
    .split('/')
    .filter((p) => p !== '' && p !== '.' && p !== '..' && !p.includes(INTERPOLATION));
  if (parts.length === 0) return undefined;
  const file = SOURCE_FILE.test(parts.at(-1) as string);
  const folder = file ? parts.at(-2) : parts.at(-1);
  if (folder === undefined) return undefined;
  const built = parts.some((p) => BUILD_OUTPUT.has(p));
  const rest = path.startsWith(PATH_MODULE)
    ? path.slice(PATH_MODULE.length)
    : !path.includes(INTERPOLATION) && !path.startsWith('/')
      ? path
      : undefined;
  const within = rest === undefined ? undefined : posix.normalize(file ? posix.dirname(rest) : rest);
  const known = within !== undefined && !within.includes(INTERPOLATION);
  return { folder, built, ...(known ? { fromModule: within } : {}) };
}

/**
 * The handler strings of a registry module's handler in `source`, for a Terraform file in folder `dir`
 * (relative to the scan's root): the folder the path names from there, and the last folder alone when
 * the path says no more or goes through a build's output.
 * @example
 * sourceHandlers({ folder: 'refunds', fromModule: '../src/refunds', built: false }, 'infra/tf', 'index.handler');
 * // ['infra/src/refunds/index.handler']
 */
export function sourceHandlers(source: SourcePath, dir: string, handler: string): string[] {
  const out: string[] = [];
  if (source.fromModule !== undefined) out.push(posix.join(dir, source.fromModule, handler));
  if (source.fromModule === undefined || source.built) out.push(`${source.folder}/${handler}`);
  return out;
}
