// The modules a glob import names. RedwoodJS's API side imports whole folders with a glob
// (`import services from 'src/services/**/*.{js,ts}'`, a Babel plugin's work) and hands the result to the
// handler it builds (`createGraphQLHandler({ services })`): every export of every matched module is a
// resolver the handler calls. `src/` is the API side's own folder, so a bare path is found from the
// importing module's folder upwards.
import { dirname, resolve } from 'node:path';

/** Test, spec and Redwood scenario modules: never loaded by the app. */
const NOT_APP = /\.(test|spec|scenarios)\.[cm]?[jt]sx?$/;
const CODE = /\.[cm]?[jt]sx?$/;

/**
 * Is `source` a glob import (`src/services/**\/*.{js,ts}`) rather than a module path?
 *
 * @example
 * isGlobSource('src/services/**\/*.{js,ts}') // true
 */
export function isGlobSource(source: string): boolean {
  return source.includes('*');
}

/**
 * The project's app modules (of `files`) a glob import in `from` matches: those under the glob's fixed
 * folder (any depth with `**`, else directly in it), the folder relative to `from`'s folder for `./`,
 * otherwise the nearest one of that name found from `from`'s folder upwards.
 *
 * @example
 * globModules('/r/api/src/functions/graphql.ts', 'src/services/**\/*.{js,ts}', files)
 * // ['/r/api/src/services/uploads/uploads.ts', ...]
 */
export function globModules(from: string, source: string, files: readonly string[]): string[] {
  const parts = source.split('/');
  const fixed = parts
    .slice(
      0,
      parts.findIndex((p) => p.includes('*')),
    )
    .join('/');
  if (fixed === '') return [];
  const deep = source.includes('**');
  const under = (dir: string) =>
    files.filter((f) => {
      if (!f.startsWith(`${dir}/`) || !CODE.test(f) || NOT_APP.test(f)) return false;
      return deep || dirname(f) === dir;
    });
  if (fixed.startsWith('.')) return under(resolve(dirname(from), fixed));
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const found = under(resolve(dir, fixed));
    if (found.length > 0 || dirname(dir) === dir) return found;
  }
}
