// A command-line script is run by hand and watched by whoever runs it: the swallow rules do not hold it to
// a handler's standard. Kept apart from eventCallers.ts, which asks it of each caller it walks up to.

/** A folder of an operator's scripts (`scripts/bulk-index.js`). */
const SCRIPT_FOLDER = /^(scripts?|bin|tools|cli)$/;

/**
 * Is `file` a command-line script: under a scripts folder (one of its three nearest), or starting with a
 * shebang?
 *
 * @example
 * isScriptFile('/app/scripts/reindex.js', undefined) // true
 */
export function isScriptFile(file: string, text: string | undefined): boolean {
  const folders = file.replace(/\\/g, '/').split('/').slice(-4, -1);
  return folders.some((f) => SCRIPT_FOLDER.test(f)) || text?.startsWith('#!') === true;
}
