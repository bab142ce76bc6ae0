// A Lambda layer folder is often kept in the repository with a stub (`// Silence is golden.`) that the
// build overwrites with the shared code it copies in (`cp ../../common/*.* .`). Such a stub is no
// answer to `/opt/nodejs/...`: what the function loads at run time is the copied module, the project's
// own folder of the same name.
import { readSource } from './readSource.js';

/** Block and line comments, and a leading hashbang: what remains is code. */
const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|^#![^\n]*/g;

/**
 * Whether a module holds no code at all once its comments are removed (a placeholder the build fills).
 * A file that cannot be read is not called a placeholder: it is left to the caller as it was.
 *
 * @example
 * isPlaceholderModule('/app/layer/nodejs/common/index.js') // true for a file holding only `// Silence is golden.`
 */
export function isPlaceholderModule(file: string): boolean {
  const text = readSource(file);
  return text !== undefined && text.replace(COMMENTS, '').trim() === '';
}
