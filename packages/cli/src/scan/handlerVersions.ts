// Which @smithy/node-http-handler a module runs with, read from the nearest lockfile: `requestTimeout`
// without `throwOnRequestTimeout` rejects a request in every version before 4.4.0 (it was applied as a
// socket idle timeout, set-socket-timeout.ts) and only logs a warning from 4.4.0 on (set-request-timeout.ts,
// smithy-typescript commit 761d89c, "undeprecate socketTimeout"). A client is judged by what its lockfile
// installs; with no lockfile in the scan root, a fresh install gets the current handler, which warns.
import { lstatSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

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
  private readonly byDir = new Map<string, Lock | null>();

  /** `root` bounds the search upwards; without one, only the module's own folder is read. */
  constructor(root: string | undefined) {
    this.root = root === undefined ? undefined : resolve(root);
  }

  /**
   * Does `requestTimeout` alone only warn for the module at `file`? False when its lockfile installs only
   * handlers older than 4.4.0 (or only the former `@aws-sdk/node-http-handler`), where it rejects.
   * `own`: the module builds the handler itself (`new NodeHttpHandler(...)`), so the copy that counts is
   * the one its own import resolves to (a package-lock's `node_modules/@smithy/node-http-handler` nearest
   * the module), not the newer copies nested under each client package, which only the object form uses.
   *
   * @example
   * locks.requestTimeoutWarns('/repo/src/kms.ts', true); // false: the project pins 4.0.4, clients nest 4.7.1
   */
  requestTimeoutWarns(file: string, own = false): boolean {
    const dir = dirname(resolve(file));
    const found = this.nearestLock(dir);
    if (found === undefined) return true;
    const lock = found.text;
    if (own) {
      const installed = installedVersion(found, dir);
      if (installed !== undefined) return installed[0] > 4 || (installed[0] === 4 && installed[1] >= 4);
    }
    const versions: [number, number][] = [];
    for (const pattern of VERSION_PATTERNS)
      for (const m of lock.matchAll(pattern)) versions.push([Number(m[1]), Number(m[2])]);
    if (versions.length === 0) return !lock.includes('@aws-sdk/node-http-handler');
    return versions.some(([major, minor]) => major > 4 || (major === 4 && minor >= 4));
  }

  /** The lockfile nearest `dir` (this folder or one above it, up to the scan root): its folder and text. */
  private nearestLock(dir: string): Lock | undefined {
    const seen: string[] = [];
    let found: Lock | null = null;
    for (let d = dir; this.inside(d); d = dirname(d)) {
      const known = this.byDir.get(d);
      if (known !== undefined) {
        found = known;
        break;
      }
      seen.push(d);
      const lock = LOCKFILES.map((f) => join(d, f)).find(isPlainFile);
      if (lock !== undefined) {
        found = { dir: d, name: lock, text: readFileSync(lock, 'utf8') };
        break;
      }
      if (d === this.root || this.root === undefined || dirname(d) === d) break;
    }
    for (const d of seen) this.byDir.set(d, found);
    return found ?? undefined;
  }

  private inside(dir: string): boolean {
    if (this.root === undefined) return true;
    const rel = relative(this.root, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }
}

interface Lock {
  readonly dir: string;
  readonly name: string;
  readonly text: string;
  /** A package-lock's `packages`, parsed once when a module building its own handler asks. */
  packages?: Record<string, { version?: string }> | null;
}

/**
 * The handler version Node resolves for an import in `dir`, from a package-lock (v2/v3 `packages` keys are
 * install paths): the nearest `<folder>/node_modules/@smithy/node-http-handler` from `dir` up to the lockfile.
 * Undefined for other lockfile kinds, or when no such entry exists.
 */
function installedVersion(lock: Lock, dir: string): [number, number] | undefined {
  if (!/(package-lock|npm-shrinkwrap)\.json$/.test(lock.name)) return undefined;
  if (lock.packages === undefined) {
    try {
      lock.packages = (JSON.parse(lock.text) as { packages?: Lock['packages'] }).packages ?? null;
    } catch {
      lock.packages = null;
    }
  }
  const packages = lock.packages;
  if (packages === null || packages === undefined) return undefined;
  for (let d = dir; ; d = dirname(d)) {
    const rel = relative(lock.dir, d).split(sep).join('/');
    const key = `${rel === '' ? '' : `${rel}/`}node_modules/@smithy/node-http-handler`;
    const m = /^(\d+)\.(\d+)\./.exec(packages[key]?.version ?? '');
    if (m !== null) return [Number(m[1]), Number(m[2])];
    if (rel === '' || rel.startsWith('..') || dirname(d) === d) return undefined;
  }
}

function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
