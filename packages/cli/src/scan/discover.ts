// Finds the files a scan reads: code by extension, infrastructure by name and content. Follows
// symlinks once (a loop is reported, not followed), and reports what it had to skip.
import { type Dirent, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { browserFramework, lambdaPackagesBelow } from './browserPackages.js';
import { isCloudAssembly } from './cloudAssembly.js';
import { BUILT_IN_EXCLUDES, type NormalizedScanConfig, SCRIPT_FOLDERS } from './config.js';
import type { ScanProblem } from './Finding.js';
import { matchesAny } from './glob.js';

export const CODE_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const IAC_EXTENSIONS = /\.(ya?ml|json|template|tf)$/;
const NOT_IAC =
  /(^|\/)(package(-lock)?\.json|tsconfig[\w.-]*\.json|\.?eslintrc[\w.]*|biome\.json|turbo\.json|composer\.json|pnpm-lock\.yaml|\.github\/.*|docker-compose[\w.-]*\.ya?ml|[\w.-]*\.lock\.json)$/;

export interface DiscoveredFile {
  readonly path: string;
  /** Relative to the root, forward slashes. */
  readonly rel: string;
  readonly kind: 'code' | 'iac';
  readonly size: number;
  /** The scan root: files this one names are read only inside it (insideRoot.ts). */
  readonly root?: string;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  readonly problems: ScanProblem[];
  /** Paths given on the command line that do not exist. */
  readonly missing: string[];
}

/** `..`, `.`, doubled or trailing separators: a path `resolve()` would change. */
const NOT_NORMAL = /\/\.{1,2}(?:\/|$)|\/\/|.\/$/;

/**
 * `resolve(base, path)`, without its cost for the common case of a path that is already absolute and
 * normal (a scan of thousands of named files resolves each one; `path.resolve` was a tenth of the run).
 */
export function absolutePath(base: string, path: string): string {
  return sep === '/' && path.startsWith('/') && !NOT_NORMAL.test(path) ? path : resolve(base, path);
}

/** `path` relative to `root`, with forward slashes; both are absolute and normal (from `absolutePath`). */
export function toRel(root: string, path: string): string {
  if (sep === '/' && path.startsWith(root)) {
    // Below the root: the rest of the path, unless the prefix match ends inside a name (`/a/bc`, `/a/b`).
    if (root === '/') return path.length > 1 ? path.slice(1) : basename(path);
    if (path.length > root.length + 1 && path.charCodeAt(root.length) === 47)
      return path.slice(root.length + 1);
  }
  const rel = relative(root, path);
  return (rel === '' ? basename(path) : rel).split(sep).join('/');
}

export function discover(root: string, paths: readonly string[], config: NormalizedScanConfig): Discovery {
  const files: DiscoveredFile[] = [];
  const problems: ScanProblem[] = [];
  const missing: string[] = [];
  const seenFiles = new Set<string>();
  // Files reached through a symlink wait until the walk is done: a file the walk also reaches directly
  // is reported at its own path (where a reader and the labels look for it), not at the link's, which a
  // sorted walk can meet first (`api/src/helpers -> ../../helpers`).
  const linked: { file: DiscoveredFile; real: string }[] = [];
  // Built-in excludes apply below the directory the user named (so `bulwark scan fixtures/x` works);
  // the config's excludes are relative to the root, as documented.
  let base = root;
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // A root that does not exist is refused by scan() before this runs.
  }
  const excluded = (path: string, rel: string): boolean =>
    matchesAny(rel, config.exclude) || matchesAny(toRel(base, path), BUILT_IN_EXCLUDES);

  const consider = (path: string, size: number, explicit: boolean, viaLink: boolean): void => {
    const rel = toRel(root, path);
    const code = CODE_EXTENSIONS.test(path);
    const iac = !code && IAC_EXTENSIONS.test(path) && !NOT_IAC.test(rel);
    if (!code && !iac) return;
    if (!explicit && excluded(path, rel)) return;
    if (!explicit && code && matchesAny(toRel(base, path), SCRIPT_FOLDERS) && !definesInfrastructure(path))
      return;
    if (config.include.length > 0 && !matchesAny(rel, config.include)) return;
    if (size > config.maxFileBytes) {
      problems.push({
        file: rel,
        kind: 'too-large',
        message: `skipped: ${size} bytes is over maxFileBytes (${config.maxFileBytes})`,
      });
      return;
    }
    const file: DiscoveredFile = { path, rel, kind: code ? 'code' : 'iac', size, root };
    if (viaLink) {
      let real = path;
      try {
        real = realpathSync(path);
      } catch {
        // Unresolvable: dedupe on the path as given.
      }
      linked.push({ file, real });
      return;
    }
    if (seenFiles.has(path)) return;
    seenFiles.add(path);
    files.push(file);
  };

  // `real` is the directory's resolved path; `viaLink` once a symlink was followed to get here.
  const walk = (dir: string, real: string, ancestors: Set<string>, viaLink: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error: unknown) {
      problems.push({
        file: toRel(root, dir),
        kind: 'unreadable',
        message: `cannot read directory: ${(error as Error).message}`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A CDK cloud assembly under any name (`cdk --output cdk.out.deploy`): synthesized templates and
    // bundled assets, generated from the app's source that the walk reads anyway. Its marker is the
    // assembly's own `cdk.out` version file beside `manifest.json`.
    if (dir !== base && isCloudAssembly(entries)) return;
    // A front-end package below the scan root: report it once and skip it.
    if (dir !== base && entries.some((e) => e.name === 'package.json' && e.isFile())) {
      const framework = browserFramework(join(dir, 'package.json'));
      if (framework !== undefined) {
        // Its own files stay skipped; a Lambda package kept inside it is deployed on its own, so judged so.
        const nestedPackages = lambdaPackagesBelow(dir, (p) => excluded(p, toRel(root, p)));
        // Named in the message, so a reader of the problem list knows those folders were read.
        const scanned = nestedPackages.map((n) => `${relative(dir, n).split(sep).join('/')}/`).join(', ');
        problems.push({
          file: toRel(root, dir),
          kind: 'browser-code',
          message: `skipped: a browser package (${framework} in its package.json); name its files to scan them${scanned ? `; its Lambda packages ${scanned} are scanned` : ''}`,
        });
        for (const nested of nestedPackages) {
          const nestedReal = join(real, relative(dir, nested));
          walk(nested, nestedReal, new Set([...ancestors, nestedReal]), viaLink);
        }
        return;
      }
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = toRel(root, path);
      if (excluded(path, rel)) continue;
      if (entry.isSymbolicLink()) {
        let target: ReturnType<typeof statSync>;
        let linkReal: string;
        try {
          target = statSync(path);
          linkReal = realpathSync(path);
        } catch {
          problems.push({ file: rel, kind: 'unreadable', message: 'broken symbolic link' });
          continue;
        }
        // The scan never leaves its root through a link: a link to `/` would never finish, and one to a
        // folder outside could copy another project's lines (secrets included) into the report.
        if (!inside(realRoot, linkReal)) {
          problems.push({
            file: rel,
            kind: 'symlink-outside-root',
            message: 'symbolic link leads outside the scan root: not followed',
          });
          continue;
        }
        if (target.isDirectory()) {
          if (ancestors.has(linkReal)) {
            problems.push({
              file: rel,
              kind: 'symlink-loop',
              message: `symbolic link loop: points back to ${toRel(root, linkReal)}`,
            });
            continue;
          }
          walk(path, linkReal, new Set([...ancestors, linkReal]), true);
        } else if (target.isFile()) consider(path, target.size, false, true);
        continue;
      }
      if (entry.isDirectory()) {
        const childReal = join(real, entry.name);
        walk(path, childReal, new Set([...ancestors, childReal]), viaLink);
      } else if (entry.isFile()) {
        if (!CODE_EXTENSIONS.test(entry.name) && !IAC_EXTENSIONS.test(entry.name)) continue;
        try {
          consider(path, lstatSync(path).size, false, viaLink);
        } catch (error: unknown) {
          problems.push({ file: rel, kind: 'unreadable', message: (error as Error).message });
        }
      }
    }
  };

  for (const p of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) {
      let real = p;
      try {
        real = realpathSync(p);
      } catch {
        // Loop detection then starts from the path as given.
      }
      base = p;
      walk(p, real, new Set([real]), false);
    } else if (stat.isFile()) {
      if (!CODE_EXTENSIONS.test(p) && !IAC_EXTENSIONS.test(p)) {
        problems.push({
          file: toRel(root, p),
          kind: 'unreadable',
          message:
            'not a supported file type (ts, tsx, mts, cts, js, jsx, mjs, cjs, yaml, yml, json, template, tf)',
        });
        continue;
      }
      consider(p, stat.size, true, false);
    } else {
      // A FIFO, a socket or a device (`/dev/null`) named on the command line: say so rather than
      // reporting "0 files" (and never block reading a FIFO).
      problems.push({
        file: toRel(root, p),
        kind: 'not-a-file',
        message: 'not a regular file or directory (a FIFO, socket or device): skipped',
      });
    }
  }
  for (const { file, real } of linked) {
    // Direct files are keyed by the path as walked from `root`; a real path inside the root is put in
    // those terms, so a root reached through a link of its own still dedupes.
    const key = inside(realRoot, real) ? join(root, relative(realRoot, real)) : real;
    if (seenFiles.has(key)) continue;
    seenFiles.add(key);
    files.push(file);
  }
  return { files, problems, missing };
}

/** `path` is `root` or below it (both real paths). */
function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

const CDK_IMPORT =
  /from\s+['"](aws-cdk-lib|@aws-cdk\/[\w-]+)['"]|require\(\s*['"`](aws-cdk-lib|@aws-cdk\/[\w-]+)['"`]\s*\)/;

/** A code file that builds infrastructure with the CDK: read even where scripts are not. */
function definesInfrastructure(path: string): boolean {
  try {
    return CDK_IMPORT.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}
