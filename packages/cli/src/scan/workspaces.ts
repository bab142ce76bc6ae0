// Bare imports of the project's own packages: npm/yarn `workspaces` in the root package.json and pnpm's
// `pnpm-workspace.yaml` `packages` (exact folders and `dir/*` patterns), and `file:`/`link:` dependencies
// in the importer's nearest package.json.
// `import { getOptions } from '@acme/common'` then resolves to that package's entry file inside the root.
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { insideRoot } from './insideRoot.js';
import { type LocalManifest, LocalPackages } from './localPackages.js';
import { monorepoManifests } from './monorepoManifests.js';
import { type PackageEntries, packageEntryPaths } from './packageEntry.js';
import { yamlLibrary } from './yamlLibrary.js';

interface PackageJson extends PackageEntries, LocalManifest {
  readonly name?: unknown;
  readonly workspaces?: unknown;
  readonly dependencies?: unknown;
}

// Most folders an import is resolved from have neither file: asking first costs less than the error a
// failed read throws (measured: about a tenth of import resolution on a 1,099-file application).
function readPackage(dir: string): PackageJson | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

/** The `packages` of a folder's pnpm-workspace.yaml, or undefined when there is none (or it does not parse). */
function readPnpmWorkspace(dir: string): unknown {
  const path = join(dir, 'pnpm-workspace.yaml');
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    // Loaded only for a pnpm monorepo, as the IaC reader does (yamlLibrary.ts).
    const { parse } = yamlLibrary();
    const doc: unknown = parse(text);
    return typeof doc === 'object' && doc !== null ? (doc as { packages?: unknown }).packages : undefined;
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const SKIP_DIR = /^(node_modules|\.|dist$|build$|cdk\.out$)/;

/**
 * `b/**`: every folder below `b` with a package.json, a few levels deep; symbolic links, node_modules and
 * build output are not entered (the scan never leaves its root).
 */
function packagesBelow(parent: string, depth: number, out: string[]): void {
  if (depth > 5) return;
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(parent, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((e) => e.isFile() && e.name === 'package.json')) out.push(parent);
  for (const e of entries)
    if (e.isDirectory() && !SKIP_DIR.test(e.name)) packagesBelow(join(parent, e.name), depth + 1, out);
}

/**
 * Workspace patterns: `["a", "b/*", "c/**"]` or `{ packages: [...] }`; other globs are not expanded. A
 * folder outside the scan root (`../shared/*`, a symlink pointing out) is not listed.
 */
function workspaceDirs(root: string, spec: unknown, scanRoot: string): string[] {
  const list = Array.isArray(spec)
    ? spec
    : typeof spec === 'object' && spec !== null && Array.isArray((spec as { packages?: unknown }).packages)
      ? ((spec as { packages: unknown[] }).packages as unknown[])
      : [];
  const dirs: string[] = [];
  for (const pattern of list) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    if (pattern.endsWith('/**') && !pattern.slice(0, -3).includes('*')) {
      const below = resolve(root, pattern.slice(0, -3));
      if (insideRoot(scanRoot, below)) packagesBelow(below, 0, dirs);
      continue;
    }
    if (pattern.includes('**')) continue;
    if (pattern.endsWith('/*')) {
      const parent = resolve(root, pattern.slice(0, -2));
      let entries: string[] = [];
      try {
        entries = insideRoot(scanRoot, parent) ? readdirSync(parent) : [];
      } catch {
        entries = [];
      }
      for (const e of entries) if (isDirectory(join(parent, e))) dirs.push(join(parent, e));
    } else if (!pattern.includes('*')) dirs.push(resolve(root, pattern));
  }
  return dirs;
}

export class Workspaces {
  private readonly root: string;
  /** Package name -> its folder. */
  private readonly byName = new Map<string, string>();
  private readonly nearest = new Map<string, string | undefined>();
  /** Folders whose package.json `workspaces` were read (the root, and nested monorepos met on the way). */
  private readonly loaded = new Set<string>();
  /** Each folder's package.json, read once (undefined: none, or not JSON). */
  private readonly packages = new Map<string, PackageJson | undefined>();

  private read(dir: string): PackageJson | undefined {
    if (!this.packages.has(dir)) this.packages.set(dir, readPackage(dir));
    return this.packages.get(dir);
  }

  /** The scan root: nothing above it is read. */
  get rootDir(): string {
    return this.root;
  }

  private readonly local: LocalPackages;

  constructor(root: string) {
    this.root = resolve(root);
    this.local = new LocalPackages(this.root, (dir) => this.read(dir));
    this.load(this.root);
  }

  private load(dir: string): void {
    if (this.loaded.has(dir)) return;
    this.loaded.add(dir);
    const pkg = this.read(dir);
    for (const d of workspaceDirs(dir, pkg?.workspaces, this.root)) this.add(d);
    for (const d of workspaceDirs(dir, readPnpmWorkspace(dir), this.root)) this.add(d);
    const { folders, patterns } = monorepoManifests(dir, this.root);
    for (const d of [...folders, ...workspaceDirs(dir, patterns, this.root)]) this.add(d);
  }

  /**
   * Reads the workspaces of every folder between `file` and the root (a monorepo inside the scan root).
   * Asked for every bare import not known yet (`aws-cdk-lib` in each module): the loaded test comes
   * first, as it is cheap and usually ends the walk, while `inside` computes a relative path.
   */
  private loadAncestors(file: string): void {
    for (let d = dirname(file); !this.loaded.has(d) && this.inside(d); d = dirname(d)) {
      this.load(d);
      if (d === this.root) break;
    }
  }

  private inside(path: string): boolean {
    const rel = relative(this.root, path);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
  }

  private add(dir: string): void {
    // By its real path too: a workspace folder may be a symlink pointing out of the tree.
    if (!this.inside(dir) || !insideRoot(this.root, dir)) return;
    const name = this.read(dir)?.name;
    if (typeof name === 'string' && !this.byName.has(name)) this.byName.set(name, dir);
  }

  /** The folder of the package.json nearest to `file` inside the root. */
  private packageDirOf(file: string): string | undefined {
    const dir = dirname(file);
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    let found: string | undefined;
    for (let d = dir; this.inside(d); d = dirname(d)) {
      if (this.read(d) !== undefined) {
        found = d;
        break;
      }
      if (d === this.root) break;
    }
    this.nearest.set(dir, found);
    return found;
  }

  /**
   * Where a bare specifier imported from `from` points inside the root: the package folder joined with
   * the subpath, or with its entry (`source`, `module`, `main`, else `index`); undefined when it is not
   * one of the project's packages.
   */
  resolve(from: string, specifier: string): string[] {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
    const sub = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
    if (!this.byName.has(name)) this.loadAncestors(from);
    let dir = this.byName.get(name);
    if (dir === undefined) {
      const own = this.packageDirOf(from);
      const deps = own === undefined ? undefined : this.read(own)?.dependencies;
      const link =
        typeof deps === 'object' && deps !== null ? (deps as Record<string, unknown>)[name] : undefined;
      if (own !== undefined && typeof link === 'string' && /^(file|link):/.test(link)) {
        const target = resolve(own, link.replace(/^(file|link):/, ''));
        if (this.inside(target) && insideRoot(this.root, target)) dir = target;
      }
      // A layer's package, or the project's own library installed by a version it satisfies.
      if (dir === undefined && !name.startsWith('node:'))
        dir = this.local.folderOf(name, own === undefined ? undefined : this.read(own));
    }
    if (dir === undefined) return [];
    return packageEntryPaths(dir, this.read(dir), sub);
  }
}
