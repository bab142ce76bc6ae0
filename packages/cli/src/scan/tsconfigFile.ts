// One reading of a folder's own tsconfig.json, shared by the readers of its build folders (packageEntry.ts
// maps a package's built entry back to source; iac/tscOutDir.ts maps a template's built handler back to
// source). A scan asks for the same folder once per import or per batch event, so the parse is kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonc } from './tsconfigPaths.js';

const parsed = new Map<string, unknown>();

/** A tsconfig.json text parsed as JSON with comments; undefined when absent or not parseable. */
export function parseTsconfig(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parseJsonc(text);
  } catch {
    return undefined;
  }
}

/** The parsed tsconfig.json in folder `dir` (cached per folder); undefined when absent or unreadable. */
export function tsconfigOf(dir: string): unknown {
  if (parsed.has(dir)) return parsed.get(dir);
  let text: string | undefined;
  try {
    text = readFileSync(join(dir, 'tsconfig.json'), 'utf8');
  } catch {
    text = undefined;
  }
  const config = parseTsconfig(text);
  parsed.set(dir, config);
  return config;
}
