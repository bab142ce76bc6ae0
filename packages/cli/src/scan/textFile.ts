// A file's text for the passes that read a file beside the one they judge (a template, a package.json):
// absent or unreadable is an answer (undefined), not a failure of the scan.
import { readFileSync } from 'node:fs';

/**
 * The file's UTF-8 text, or undefined when it is absent or unreadable.
 * @example
 * readText('/app/package.json') // '{ "name": "@acme/api", ... }', or undefined
 */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
