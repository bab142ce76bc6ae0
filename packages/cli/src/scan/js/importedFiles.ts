// Rules that follow a relative import into a project module read the file it names without the project's
// resolver (a CDK helper's module, a construct that alarms on a queue): one list of the files such an
// import may name, so each reader tries the same ones in the same order.
import { dirname, resolve } from 'node:path';

const SUFFIXES = ['.ts', '.mts', '.js', '.mjs', '/index.ts', '/index.js'];

/**
 * The files a relative import may name, sources first: the path with a compiled `.js`/`.cjs`/`.mjs`
 * suffix taken off (`./obs.js` is `./obs.ts` in a TypeScript project), then with each suffix (a source
 * extension, or a folder's index), and last the path as written.
 * @example
 * relativeImportFiles('/app/lib/stack.ts', './obs.js') // ['/app/lib/obs', '/app/lib/obs.ts', '/app/lib/obs.mts', '/app/lib/obs.js', '/app/lib/obs.mjs', '/app/lib/obs/index.ts', '/app/lib/obs/index.js']
 */
export function relativeImportFiles(from: string, source: string): string[] {
  const written = resolve(dirname(from), source);
  const stem = written.replace(/\.[cm]?js$/, '');
  return [...new Set([stem, ...SUFFIXES.map((s) => stem + s), written])];
}
