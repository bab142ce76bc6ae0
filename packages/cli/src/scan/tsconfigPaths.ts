// TypeScript path aliases (`"paths": { "@lib/*": ["src/lib/*"] }` in the nearest tsconfig.json or jsconfig.json): an
// import of `@lib/templates.js` is the project's own `src/lib/templates.ts`. Only tsconfig files inside
// the scan root are read (the scan never leaves it), with a relative `extends` followed inside it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { insideRoot } from './insideRoot.js';

interface Aliases {
  readonly base: string;
  readonly paths: readonly (readonly [pattern: string, targets: readonly string[]])[];
  /** A `baseUrl` set: a bare import no alias matches is looked up under it (`src/core/utils/sqs`). */
  readonly baseUrl?: string;
}

/** Strips comments and trailing commas outside strings: tsconfig.json is JSON with comments. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

interface CompilerPaths {
  readonly baseUrl?: unknown;
  readonly paths?: unknown;
}

/** A tsconfig file's text parsed, or undefined when it cannot be read or parsed. */
function readConfig(path: string): { extends?: unknown; compilerOptions?: CompilerPaths } | undefined {
  try {
    return parseJsonc(readFileSync(path, 'utf8')) as { extends?: unknown; compilerOptions?: CompilerPaths };
  } catch {
    return undefined;
  }
}

/**
 * The `paths` a tsconfig file has, its own or through a relative `extends` inside the scan root (the
 * Serverless Framework's TypeScript template keeps them in `tsconfig.paths.json`, which tsconfig.json
 * extends). `baseUrl` is resolved from the file that sets it; a nearer file's own setting wins.
 */
function pathsOf(
  file: string,
  root: string,
  depth = 0,
): { base?: string; paths?: object; pathsDir?: string } {
  const config = readConfig(file);
  const dir = dirname(file);
  const options = config?.compilerOptions;
  const own = {
    ...(typeof options?.baseUrl === 'string' ? { base: resolve(dir, options.baseUrl) } : {}),
    ...(options?.paths !== null && typeof options?.paths === 'object'
      ? { paths: options.paths, pathsDir: dir }
      : {}),
  };
  const parent = config?.extends;
  if ((own.base !== undefined && own.paths !== undefined) || depth >= 3 || typeof parent !== 'string')
    return own;
  if (!parent.startsWith('.')) return own;
  const target = resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
  // Inside by its real path: an `extends` through a symlink pointing out of the tree is not followed.
  if (!existsSync(target) || !insideRoot(root, target)) return own;
  const inherited = pathsOf(target, root, depth + 1);
  return { ...inherited, ...own };
}

function readAliases(dir: string, root: string): Aliases | undefined {
  // A JavaScript project (Next.js's `@/*`) declares the same `paths` in jsconfig.json, read by the same
  // rules when no tsconfig.json sits beside it.
  const ts = join(dir, 'tsconfig.json');
  // Asked first: most folders have none, and a failed read's error costs more than the question.
  const path = existsSync(ts) ? ts : join(dir, 'jsconfig.json');
  if (path !== ts && !existsSync(path)) return undefined;
  // A tsconfig.json that is a symlink pointing out of the tree is not read.
  if (!insideRoot(root, path)) return undefined;
  const { base, paths, pathsDir } = pathsOf(path, root);
  const baseUrl = base === undefined ? {} : { baseUrl: base };
  if (paths === undefined) return { base: dir, paths: [], ...baseUrl };
  const entries = Object.entries(paths).flatMap(([pattern, targets]) =>
    Array.isArray(targets) ? [[pattern, targets.filter((t) => typeof t === 'string')] as const] : [],
  );
  // Without a `baseUrl`, TypeScript resolves `paths` from the file that declares them (an Nx workspace's
  // tsconfig.base.json at the root, extended by each library's tsconfig.json).
  return { base: base ?? pathsDir ?? dir, paths: entries, ...baseUrl };
}

export class TsconfigPaths {
  private readonly root: string;
  private readonly byDir = new Map<string, Aliases | undefined>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  private nearest(dir: string): Aliases | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const inside = dir === this.root || dir.startsWith(`${this.root}/`);
    const found = !inside
      ? undefined
      : (readAliases(dir, this.root) ?? (dir === this.root ? undefined : this.nearest(dirname(dir))));
    this.byDir.set(dir, found);
    return found;
  }

  /**
   * The paths (without extension) an aliased import may name, nearest tsconfig.json first.
   * @example
   * paths.resolve('/app/src/main.ts', '@lib/templates.js') // ['/app/src/lib/templates.js']
   */
  resolve(from: string, source: string): string[] {
    const aliases = this.nearest(dirname(from));
    if (aliases === undefined) return [];
    const out: string[] = [];
    let matched = false;
    for (const [pattern, targets] of aliases.paths) {
      const star = pattern.indexOf('*');
      let middle: string | undefined;
      if (star === -1) middle = pattern === source ? '' : undefined;
      else {
        const prefix = pattern.slice(0, star);
        const suffix = pattern.slice(star + 1);
        if (
          source.startsWith(prefix) &&
          source.endsWith(suffix) &&
          source.length >= prefix.length + suffix.length
        )
          middle = source.slice(prefix.length, source.length - suffix.length);
      }
      if (middle === undefined) continue;
      matched = true;
      for (const t of targets) out.push(resolve(aliases.base, t.replace('*', middle)));
    }
    // A name no alias matches TypeScript looks up under `baseUrl` (`"baseUrl": "."` and `import ... from
    // 'src/core/utils/sqs'`); only a scanned module there answers, so a package's name stays a package.
    if (!matched && aliases.baseUrl !== undefined) out.push(resolve(aliases.baseUrl, source));
    return out;
  }
}
