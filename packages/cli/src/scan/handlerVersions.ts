// Which @smithy/node-http-handler a module runs with, read from the nearest lockfile: `requestTimeout`
// without `throwOnRequestTimeout` rejects a request in every version before 4.4.0 (it was applied as a
// socket idle timeout, set-socket-timeout.ts) and only logs a warning from 4.4.0 on (set-request-timeout.ts,
// smithy-typescript commit 761d89c, "undeprecate socketTimeout"). A client is judged by what its lockfile
// installs; with no lockfile, a fresh install gets the current handler, which warns.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock'];
// package-lock: `"node_modules/@smithy/node-http-handler": { "version": "4.0.4"`; pnpm, bun and yarn berry:
// `@smithy/node-http-handler@4.0.4`, `/@smithy/node-http-handler/2.1.0`, `@npm:4.0.4`; yarn v1: the
// entry's `version "4.0.4"` line.
const VERSION_PATTERNS = [
  /@smithy\/node-http-handler"\s*:\s*\{\s*"version"\s*:\s*"(\d+)\.(\d+)\.\d+/g,
  /@smithy\/node-http-handler(?:@npm:|@|\/)(\d+)\.(\d+)\.\d+/g,
  /@smithy\/node-http-handler@[^\n]*:\n\s+version:?\s+"?(\d+)\.(\d+)\.\d+/g,
];

const byDir = new Map<string, string | null>();

/** The text of the lockfile nearest `dir` (this folder or one above it, up to the repository's top). */
function nearestLock(dir: string): string | undefined {
  const seen: string[] = [];
  let text: string | null = null;
  for (let d = dir; ; d = dirname(d)) {
    const known = byDir.get(d);
    if (known !== undefined) {
      text = known;
      break;
    }
    seen.push(d);
    const lock = LOCKFILES.map((f) => join(d, f)).find((f) => existsSync(f));
    if (lock !== undefined) {
      text = readFileSync(lock, 'utf8');
      break;
    }
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
  }
  for (const d of seen) byDir.set(d, text);
  return text ?? undefined;
}

/**
 * Does `requestTimeout` alone only warn for the module at `file`? False when its lockfile installs only
 * handlers older than 4.4.0 (or only the former `@aws-sdk/node-http-handler`), where it rejects.
 *
 * @example
 * requestTimeoutWarns('/repo/src/sqs.ts') // false when /repo/package-lock.json locks 4.0.4
 */
export function requestTimeoutWarns(file: string): boolean {
  const lock = nearestLock(dirname(file));
  if (lock === undefined) return true;
  const versions: [number, number][] = [];
  for (const pattern of VERSION_PATTERNS)
    for (const m of lock.matchAll(pattern)) versions.push([Number(m[1]), Number(m[2])]);
  if (versions.length === 0) return !lock.includes('@aws-sdk/node-http-handler');
  return versions.some(([major, minor]) => major > 4 || (major === 4 && minor >= 4));
}
