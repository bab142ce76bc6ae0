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

// package-lock's `packages` keys: `"node_modules/@smithy/node-http-handler"` (hoisted), or under a folder or
// another package (`"node_modules/@aws-sdk/client-s3/node_modules/@smithy/node-http-handler"`).
const HANDLER_PATH = 'node_modules/@smithy/node-http-handler';
const RESOLVED_PATTERN =
  /"((?:[^"\s]*\/)?node_modules\/@smithy\/node-http-handler)"\s*:\s*\{\s*"version"\s*:\s*"(\d+)\.(\d+)\.\d+/g;

/** A lockfile's text and the folder it sits in. */
interface Lock {
  readonly text: string;
  readonly dir: string;
}

/** `requestTimeout` alone only warns from 4.4.0 on. */
const warns = ([major, minor]: readonly [number, number]): boolean =>
  major > 4 || (major === 4 && minor >= 4);

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
  private readonly byDir = new Map<string, Lock | null>();
  private readonly paths = new Map<string, ReadonlyMap<string, [number, number]>>();

  /** `root` bounds the search upwards; without one, only the module's own folder is read. */
  constructor(root: string | undefined) {
    this.root = root === undefined ? undefined : resolve(root);
  }

  /**
   * Does `requestTimeout` alone only warn for the module at `file`? False when its lockfile installs only
   * handlers older than 4.4.0 (or only the former `@aws-sdk/node-http-handler`), where it rejects. With
   * `resolved` (the module builds the handler from its own import), the copy Node resolves from the module
   * decides when a package-lock shows it: a pinned 4.0.4 beside the 4.7.1 nested under each client rejects.
   */
  requestTimeoutWarns(file: string, resolved = false): boolean {
    const dir = dirname(resolve(file));
    const found = this.nearestLock(dir);
    if (found === undefined) return true;
    const lock = found.text;
    // A handler the module builds from its own import runs the copy Node resolves from the module's folder.
    const own = resolved ? this.resolvedFrom(found, dir) : undefined;
    if (own !== undefined) return warns(own);
    const versions: [number, number][] = [];
    for (const pattern of VERSION_PATTERNS)
      for (const m of lock.matchAll(pattern)) versions.push([Number(m[1]), Number(m[2])]);
    if (versions.length === 0) return !lock.includes('@aws-sdk/node-http-handler');
    return versions.some(warns);
  }

  /**
   * The version of @smithy/node-http-handler that `require` from `dir` finds, by a package-lock's
   * `packages` paths (`node_modules/@smithy/node-http-handler` hoisted, nested copies under a client's own
   * `node_modules` skipped): the nearest `node_modules` up from `dir` to the lockfile's folder. Undefined for
   * other lockfile formats, which do not say where a copy is installed.
   */
  private resolvedFrom(lock: Lock, dir: string): [number, number] | undefined {
    let paths = this.paths.get(lock.dir);
    if (paths === undefined) {
      const found = new Map<string, [number, number]>();
      for (const m of lock.text.matchAll(RESOLVED_PATTERN))
        found.set(m[1] as string, [Number(m[2]), Number(m[3])]);
      paths = found;
      this.paths.set(lock.dir, paths);
    }
    const parts = relative(lock.dir, dir)
      .split(/[\\/]/)
      .filter((p) => p !== '');
    for (let i = parts.length; i >= 0; i--) {
      const version = paths.get([...parts.slice(0, i), HANDLER_PATH].join('/'));
      if (version !== undefined) return version;
    }
    return undefined;
  }

  /** The text of the lockfile nearest `dir`: this folder or one above it, up to the scan root. */
  private nearestLock(dir: string): Lock | undefined {
    const seen: string[] = [];
    let text: Lock | null = null;
    for (let d = dir; this.inside(d); d = dirname(d)) {
      const known = this.byDir.get(d);
      if (known !== undefined) {
        text = known;
        break;
      }
      seen.push(d);
      const lock = LOCKFILES.map((f) => join(d, f)).find(isPlainFile);
      if (lock !== undefined) {
        text = { text: readFileSync(lock, 'utf8'), dir: d };
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
