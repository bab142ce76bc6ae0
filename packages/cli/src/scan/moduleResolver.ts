// Which scanned module an import names: a relative path (with or without its extension, or a folder's
// index), a sibling workspace package (`@acme/common`, `file:` links), or a Lambda layer's module
// (`/opt/facilityLayer`), answered once per folder.
import { dirname, resolve } from 'node:path';
import type { TsconfigPaths } from './tsconfigPaths.js';
import type { Workspaces } from './workspaces.js';

export const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export class ModuleResolver {
  /** Answers per importing folder, by source; and each importing file's folder's answers. */
  private readonly byFolder = new Map<string, Map<string, string | undefined>>();
  private readonly byFile = new Map<string, Map<string, string | undefined>>();
  private readonly has: (file: string) => boolean;
  private readonly workspaces: Workspaces | undefined;
  private readonly aliases: TsconfigPaths | undefined;
  private readonly files: (() => Iterable<string>) | undefined;
  /** Scanned modules by file name without extension (`facilityLayer`), built on the first layer import. */
  private byStem: Map<string, string[]> | undefined;

  /**
   * `has` tells whether a path is a scanned module; `aliases` reads tsconfig path aliases; `files` lists
   * the scanned modules (for Lambda layer imports).
   */
  constructor(
    has: (file: string) => boolean,
    workspaces: Workspaces | undefined,
    aliases?: TsconfigPaths,
    files?: () => Iterable<string>,
  ) {
    this.has = has;
    this.workspaces = workspaces;
    this.aliases = aliases;
    this.files = files;
  }

  /**
   * The scanned module `source` names when imported from `from`.
   *
   * @example
   * resolver.resolve('/app/src/handler.ts', './db') // '/app/src/db.ts'
   */
  resolve(from: string, source: string): string | undefined {
    // The same import is asked about once per candidate: answer it once per importing folder. Asked
    // thousands of times on a large project, so the folder is found once per file, not once per question.
    let answers = this.byFile.get(from);
    if (answers === undefined) {
      const dir = dirname(from);
      answers = this.byFolder.get(dir) ?? new Map<string, string | undefined>();
      this.byFolder.set(dir, answers);
      this.byFile.set(from, answers);
    }
    if (answers.has(source)) return answers.get(source);
    const found = this.resolveUncached(from, source);
    answers.set(source, found);
    return found;
  }

  private resolveUncached(from: string, source: string): string | undefined {
    if (!source.startsWith('.') && !source.startsWith('/')) {
      // A sibling workspace package (`@acme/common`, `solution-utils` linked with `file:`).
      for (const base of this.workspaces?.resolve(from, source) ?? []) {
        const found = this.moduleAt(base);
        if (found !== undefined) return found;
      }
      // A tsconfig path alias (`@lib/*` -> `src/lib/*`).
      for (const base of this.aliases?.resolve(from, source) ?? []) {
        const found = this.moduleAt(base);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (source.startsWith('/opt/')) return this.layerModule(source.slice('/opt/'.length));
    return this.moduleAt(resolve(dirname(from), source));
  }

  /**
   * A Lambda layer's module: a layer is unpacked under `/opt` (Node also searches `/opt/nodejs/node_modules`),
   * so `require('/opt/facilityLayer')` names `facilityLayer.js` (or `facilityLayer/index.js`) at the root of a
   * layer's source folder. Taken when exactly one scanned module ends so; several are ambiguous.
   */
  private layerModule(path: string): string | undefined {
    const rest = path.replace(/^nodejs\/(node_modules\/)?/, '').replace(/\.(js|mjs|cjs|ts)$/, '');
    if (rest === '' || this.files === undefined) return undefined;
    if (this.byStem === undefined) {
      this.byStem = new Map();
      for (const file of this.files()) {
        const stem = file.replace(/\.[^./]+$/, '');
        const key = stem.slice(stem.lastIndexOf('/') + 1);
        this.byStem.set(key, [...(this.byStem.get(key) ?? []), file]);
      }
    }
    const last = rest.slice(rest.lastIndexOf('/') + 1);
    const candidates = [
      ...(this.byStem.get(last) ?? []).filter((f) => f.replace(/\.[^./]+$/, '').endsWith(`/${rest}`)),
      ...(this.byStem.get('index') ?? []).filter((f) =>
        f.replace(/\.[^./]+$/, '').endsWith(`/${rest}/index`),
      ),
    ];
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** The scanned module a path without (or with) its extension names, or its folder's index. */
  private moduleAt(base: string): string | undefined {
    // Tried in order, each built only when the one before is not a module (most imports name the first).
    if (this.has(base)) return base;
    const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
    for (const e of EXTENSIONS) if (this.has(stem + e)) return stem + e;
    const index = `${base}/index`;
    for (const e of EXTENSIONS) if (this.has(index + e)) return index + e;
    return undefined;
  }
}
