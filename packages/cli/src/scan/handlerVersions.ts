// Which @smithy/node-http-handler a module runs with, read from the nearest lockfile: `requestTimeout`
// without `throwOnRequestTimeout` rejects a request in every version before 4.4.0 (it was applied as a
// socket idle timeout, set-socket-timeout.ts) and only logs a warning from 4.4.0 on (set-request-timeout.ts,
// smithy-typescript commit 761d89c, "undeprecate socketTimeout"). A client is judged by what its lockfile
// installs; with no lockfile in the scan root, a fresh install gets the current handler, which warns.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock'];
// package-lock: `"node_modules/@smithy/node-http-handler": { "version": "4.0.4"`; pnpm, bun and yarn berry:
// `@smithy/node-http-handler@4.0.4`, `/@smithy/node-http-handler/2.1.0`, `@npm:4.0.4`; yarn v1: the
// entry's `version "4.0.4"` line.
const VERSION_PATTERNS = [
  /@smithy\/node-http-handler"\s*:\s*\{\s*"version"\s*:\s*"(\d+)\.(\d+)\.\d+/g,
  /@smithy\/node-http-handler(?:@npm:|@|\/)(\d+)\.(\d+)\.\d+/g,
  /@smithy\/node-http-handler@[^\n]*:\n\s+version:?\s+"?(\d+)\.(\d+)\.\d+/g,
];

/**
 * The handler versions a scan's lockfiles install, read once per folder. Only lockfiles inside the scan
 * root are read, and a lockfile that is a symbolic link is not followed: the scan never leaves its root.
 *
 * @example
 * const locks = new LockedHandlers('/repo');
 * locks.requestTimeoutWarns('/repo/src/sqs.ts'); // false when /repo/package-lock.json locks 4.0.4
 */
export class LockedHandlers {
  private readonly root: string | undefined;
  private readonly byDir = new Map<string, string | null>();

  /** `root` bounds the search upwards; without one, only the module's own folder is read. */
  constructor(root: string | undefined) {
    this.root = root === undefined ? undefined : resolve(root);
  }

  /**
   * Does `requestTimeout` alone only warn for the module at `file`? False when its lockfile installs only
   * handlers older than 4.4.0 (or only the former `@aws-sdk/node-http-handler`), where it rejects.
   */
  requestTimeoutWarns(file: string): boolean {
    const lock = this.nearestLock(dirname(resolve(file)));
    if (lock === undefined) return true;
    const versions: [number, number][] = [];
    for (const pattern of VERSION_PATTERNS)
      for (const m of lock.matchAll(pattern)) versions.push([Number(m[1]), Number(m[2])]);
    if (versions.length === 0) return !lock.includes('@aws-sdk/node-http-handler');
    return versions.some(([major, minor]) => major > 4 || (major === 4 && minor >= 4));
  }

  /** The text of the lockfile nearest `dir`: this folder or one above it, up to the scan root. */
  private nearestLock(dir: string): string | undefined {
    const seen: string[] = [];
    let text: string | null = null;
    for (let d = dir; this.inside(d); d = dirname(d)) {
      const known = this.byDir.get(d);
      if (known !== undefined) {
        text = known;
        break;
      }
      seen.push(d);
      const lock = LOCKFILES.map((f) => join(d, f)).find(isPlainFile);
      if (lock !== undefined) {
        text = readFileSync(lock, 'utf8');
        break;
      }
      if (d === this.root || this.root === undefined || dirname(d) === d) break;
    }
    for (const d of seen) this.byDir.set(d, text);
    return text ?? undefined;
  }

  private inside(dir: string): boolean {
    if (this.root === undefined) return true;
    const rel = relative(this.root, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }
}

function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
