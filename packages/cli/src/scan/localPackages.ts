// A package of the repository imported by its name though no workspace lists it: the project's own library
// that its services install by version (Rush and Lerna link such a dependency to the local package exactly
// when the local version satisfies the declared range; npm and yarn workspaces do the same). A name
// declared with a range the local package does not satisfy is the registry's package of that name (a CDK
// app whose package.json is named `constructs` while its code imports constructs@^10), and stays
// unresolved. A Lambda layer's package, imported undeclared, is left (RESULTS.md, Round 29, workspace).
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What is read of each package.json. */
export interface LocalManifest {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly dependencies?: unknown;
  readonly devDependencies?: unknown;
  readonly peerDependencies?: unknown;
}

const SKIP_DIR = /^(node_modules|\.|dist$|build$|cdk\.out$|coverage$)/;

function parts(version: string): number[] | undefined {
  const m = /^v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(version.trim());
  if (m === null) return undefined;
  return [m[1], m[2], m[3]].map((p) => (p === undefined || p === 'x' || p === '*' ? -1 : Number(p)));
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** One comparator (`^1.2.3`, `~1.2`, `>=2`, `1.x`, `1.2.3`) against a concrete version. */
function satisfiesOne(v: number[], comparator: string): boolean {
  const m = /^(\^|~|>=|<=|>|<|=)?\s*(.*)$/.exec(comparator) as RegExpExecArray;
  const op = m[1] ?? '';
  const want = parts(m[2] as string);
  if (want === undefined) return false;
  const floor = want.map((p) => Math.max(p, 0));
  if (op === '>=') return compare(v, floor) >= 0;
  if (op === '>') return compare(v, floor) > 0;
  if (op === '<=') return compare(v, floor) <= 0;
  if (op === '<') return compare(v, floor) < 0;
  if (op === '^' || op === '~') {
    if (compare(v, floor) < 0) return false;
    // The first non-zero part fixes a caret range; a tilde range fixes the minor when it is given.
    const fixed = op === '~' ? (want[1] === -1 ? 1 : 2) : floor[0] !== 0 ? 1 : floor[1] !== 0 ? 2 : 3;
    for (let i = 0; i < fixed; i++) if (want[i] !== -1 && v[i] !== floor[i]) return false;
    return true;
  }
  return want.every((p, i) => p === -1 || p === v[i]);
}

/**
 * Does a package.json dependency range accept `version`? Protocols that name the local package
 * (`workspace:`, `file:`, `link:`) and wildcards always do; `a || b` if either does.
 *
 * @example
 * rangeAccepts('^0.1.18', '0.1.20') // true; rangeAccepts('^10.3.0', '6.3.3') // false
 */
export function rangeAccepts(range: string, version: string): boolean {
  const r = range.trim();
  if (/^(workspace|file|link|portal):/.test(r) || r === '' || r === '*' || r === 'latest' || r === 'x')
    return true;
  const v = parts(version);
  if (v === undefined) return false;
  return r.split('||').some((set) =>
    set
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((c) => satisfiesOne(v, c)),
  );
}

/** The range `manifest` declares for `name` in any of its dependency lists, if any. */
export function declaredRange(manifest: LocalManifest | undefined, name: string): string | undefined {
  for (const deps of [manifest?.dependencies, manifest?.devDependencies, manifest?.peerDependencies]) {
    const range =
      typeof deps === 'object' && deps !== null ? (deps as Record<string, unknown>)[name] : undefined;
    if (typeof range === 'string') return range;
  }
  return undefined;
}

/** Every package.json folder below `root` by package name, read once, a few levels deep. */
export class LocalPackages {
  private byName: Map<string, string[]> | undefined;

  private readonly root: string;
  private readonly read: (dir: string) => LocalManifest | undefined;

  constructor(root: string, read: (dir: string) => LocalManifest | undefined) {
    this.root = root;
    this.read = read;
  }

  private walk(dir: string, depth: number, out: Map<string, string[]>): void {
    if (depth > 6) return;
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === 'package.json')) {
      const name = this.read(dir)?.name;
      if (typeof name === 'string') out.set(name, [...(out.get(name) ?? []), dir]);
    }
    for (const e of entries)
      if (e.isDirectory() && !SKIP_DIR.test(e.name)) this.walk(join(dir, e.name), depth + 1, out);
  }

  /**
   * The one folder inside the root whose package.json is named `name`, when the importer's own manifest
   * (`importer`) does not declare it or declares a range that version satisfies; undefined otherwise.
   */
  folderOf(name: string, importer: LocalManifest | undefined): string | undefined {
    const range = declaredRange(importer, name);
    // Undeclared (a layer's package): not followed. Its options are often read from the environment
    // (`...JSON.parse(process.env.AWS_SDK_USER_AGENT)`), which a resolved import would count as unknown.
    if (range === undefined) return undefined;
    if (this.byName === undefined) {
      this.byName = new Map();
      this.walk(this.root, 0, this.byName);
    }
    const found = this.byName.get(name);
    if (found?.length !== 1) return undefined;
    const dir = found[0] as string;
    const version = this.read(dir)?.version;
    return typeof version === 'string' && rangeAccepts(range, version) ? dir : undefined;
  }
}
