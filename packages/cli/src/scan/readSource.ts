// Reading a file the directory walk did not hand to the scan (a caller outside the analysed modules, a
// script): a file that cannot be read is simply not evidence, never an error.
import { readFileSync } from 'node:fs';

/**
 * The file's text, or undefined when it cannot be read.
 *
 * @example
 * readSource('/app/scripts/reindex.js') // the script's source, or undefined if it is gone
 */
export function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
