// TypeScript path aliases (`"paths": { "@lib/*": ["src/lib/*"] }` in the nearest tsconfig.json): an
// import of `@lib/templates.js` is the project's own `src/lib/templates.ts`. Only tsconfig files inside
// the scan root are read (the scan never leaves it), with those a relative `extends` inherits.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

interface Aliases {
  readonly base: string;
  readonly paths: readonly (readonly [pattern: string, targets: readonly string[]])[];
}

/** Strips comments and trailing commas outside strings: tsconfig.json is JSON with comments. */
function parseJsonc(text: string): unknown {
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

interface RawOptions {
  readonly baseUrl?: string;
  readonly paths?: Readonly<Record<string, unknown>>;
  /** The folder `paths` are relative to when no `baseUrl` is set: that of the config that names them. */
  readonly pathsDir?: string;
}

/**
 * The `baseUrl` and `paths` a config file gives, with those it inherits through a relative `extends`
 * (TypeScript's own rule: the extending file's options win, and each path is relative to the file that
 * names it). The aws-nodejs-typescript template keeps its aliases in `tsconfig.paths.json` that
 * `tsconfig.json` extends, so without this every alias of such a project was a package import.
 */
function readOptions(path: string, root: string, depth: number): RawOptions | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let config: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    config = (parseJsonc(text) ?? {}) as typeof config;
  } catch {
    return {};
  }
  const dir = dirname(path);
  let inherited: RawOptions = {};
  // Only relative parents inside the scan root: a package's config (`@tsconfig/node20`) names no aliases.
  const parents = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter(
    (e): e is string => typeof e === 'string' && e.startsWith('.'),
  );
  for (const parent of depth < 5 ? parents : []) {
    const file = resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
    if (!file.startsWith(`${root}/`) || !existsSync(file)) continue;
    inherited = { ...inherited, ...readOptions(file, root, depth + 1) };
  }
  const own = config.compilerOptions;
  const paths = own?.paths !== null && typeof own?.paths === 'object' ? own.paths : undefined;
  return {
    ...inherited,
    ...(typeof own?.baseUrl === 'string' ? { baseUrl: resolve(dir, own.baseUrl) } : {}),
    ...(paths !== undefined ? { paths: paths as Record<string, unknown>, pathsDir: dir } : {}),
  };
}

function readAliases(dir: string, root: string): Aliases | undefined {
  const path = join(dir, 'tsconfig.json');
  // Asked first: most folders have none, and a failed read's error costs more than the question.
  if (!existsSync(path)) return undefined;
  const options = readOptions(path, root, 0);
  if (options === undefined) return undefined;
  const base = options.baseUrl ?? options.pathsDir ?? dir;
  const entries = Object.entries(options.paths ?? {}).flatMap(([pattern, targets]) =>
    Array.isArray(targets) ? [[pattern, targets.filter((t) => typeof t === 'string')] as const] : [],
  );
  return { base, paths: entries };
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
      for (const t of targets) out.push(resolve(aliases.base, t.replace('*', middle)));
    }
    return out;
  }
}
