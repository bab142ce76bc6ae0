// TypeScript path aliases (`"paths": { "@lib/*": ["src/lib/*"] }` in the nearest tsconfig.json): an
// import of `@lib/templates.js` is the project's own `src/lib/templates.ts`. Only tsconfig files inside
// the scan root are read (the scan never leaves it); a relative `extends` inside it is followed.
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

interface Options {
  readonly base: string | undefined;
  readonly paths: Aliases['paths'] | undefined;
}

/**
 * The `baseUrl` and `paths` a tsconfig file sets, following a relative `extends` (the Serverless Framework's
 * TypeScript template keeps its aliases in `tsconfig.paths.json`) a few levels, inside the scan root only.
 */
function readOptions(path: string, inside: (p: string) => boolean, depth = 0): Options | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const dir = dirname(path);
  try {
    const config = parseJsonc(text) as {
      extends?: unknown;
      compilerOptions?: { baseUrl?: unknown; paths?: unknown };
    };
    const options = config?.compilerOptions;
    const base = typeof options?.baseUrl === 'string' ? resolve(dir, options.baseUrl) : undefined;
    const paths = options?.paths;
    const own =
      paths !== null && typeof paths === 'object'
        ? Object.entries(paths as object).flatMap(([pattern, targets]) =>
            Array.isArray(targets) ? [[pattern, targets.filter((t) => typeof t === 'string')] as const] : [],
          )
        : undefined;
    let inherited: Options | undefined;
    const parent =
      typeof config?.extends === 'string' && config.extends.startsWith('.') ? config.extends : undefined;
    if (parent !== undefined && depth < 3) {
      const target = resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
      if (inside(target) && existsSync(target)) inherited = readOptions(target, inside, depth + 1);
    }
    return { base: base ?? inherited?.base, paths: own ?? inherited?.paths };
  } catch {
    return { base: undefined, paths: undefined };
  }
}

function readAliases(dir: string, inside: (p: string) => boolean): Aliases | undefined {
  const path = join(dir, 'tsconfig.json');
  // Asked first: most folders have none, and a failed read's error costs more than the question.
  if (!existsSync(path)) return undefined;
  const options = readOptions(path, inside);
  if (options === undefined) return undefined;
  return { base: options.base ?? dir, paths: options.paths ?? [] };
}

export class TsconfigPaths {
  private readonly root: string;
  private readonly byDir = new Map<string, Aliases | undefined>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  private nearest(dir: string): Aliases | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const within = (p: string) => p === this.root || p.startsWith(`${this.root}/`);
    const found = !within(dir)
      ? undefined
      : (readAliases(dir, within) ?? (dir === this.root ? undefined : this.nearest(dirname(dir))));
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
