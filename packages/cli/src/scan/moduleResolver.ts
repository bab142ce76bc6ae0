// Which scanned module an import names: a relative path (with or without its extension, or a folder's
// index, or a sibling package's build output mapped to its source), or a sibling workspace package
// (`@acme/common`, `file:` links), answered once per folder.
import { realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { isPlaceholderModule } from './layerPlaceholder.js';
import { builtImportSources } from './packageEntry.js';
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
  private readonly layers = new Map<string, string | undefined>();

  /**
   * `has` tells whether a path is a scanned module; `aliases` reads tsconfig path aliases; `files` lists
   * the scanned modules (for a Lambda layer's `/opt/...` imports).
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
    const base = resolve(dirname(from), source);
    return (
      this.moduleAt(base) ??
      (source.startsWith('/opt/')
        ? this.layerModule(source)
        : (this.throughLink(base) ?? this.fromBuilt(base)))
    );
  }

  /**
   * `../../common/lib/dynamodb`: a sibling package's build output, which the scan never has (and a fresh
   * checkout lacks); what runs is built from its source (packageEntry.ts builtImportSources).
   */
  private fromBuilt(base: string): string | undefined {
    for (const path of builtImportSources(base)) {
      const found = this.moduleAt(path);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /**
   * `require('/opt/permissionLayer')`: Lambda mounts a layer's content at /opt, so the module is the one
   * in the project whose path ends as the import does (`layers/permissionLayer/permissionLayer.js`), or
   * the `nodejs/` folder's (`/opt/nodejs/utils` -> `layers/common/nodejs/utils.js`). Kept only when one
   * module matches, or one of several sits in a folder named for layers. When the layer's module is only
   * a stub with no code, which the build overwrites with a copy, the one project module named as the
   * import is below `nodejs/` is what runs.
   */
  private layerModule(source: string): string | undefined {
    if (this.layers.has(source)) return this.layers.get(source);
    const rest = source.slice('/opt/'.length).replace(/\.(js|mjs|cjs)$/, '');
    let found = this.endingAs(rest);
    // Only stubs the build overwrites (layerPlaceholder.ts): what runs is the folder the build copies in,
    // the project's own folder named as the import is below the layer's `nodejs/` (`/opt/nodejs/common`
    // -> `common/index.js`).
    const stubs = found.filter((f) => isPlaceholderModule(f));
    if (stubs.length > 0 && stubs.length === found.length && rest.startsWith('nodejs/')) {
      // A stub folder's index is filled by copying a folder: only another folder's index is that copy.
      const folderIndex = (f: string) => /\/index\.[cm]?[jt]sx?$/.test(f);
      const copied = this.endingAs(rest.slice('nodejs/'.length)).filter(
        (f) => !stubs.includes(f) && (folderIndex(f) || !stubs.every(folderIndex)) && !isPlaceholderModule(f),
      );
      found = copied.length === 1 ? copied : found;
    }
    const inLayers = found.filter((f) => /layer/i.test(f.slice(0, f.length - rest.length)));
    const answer = found.length === 1 ? found[0] : inLayers.length === 1 ? inLayers[0] : undefined;
    this.layers.set(source, answer);
    return answer;
  }

  /** The scanned modules (tests aside) whose path ends as `rest` does, or as its folder's index. */
  private endingAs(rest: string): string[] {
    const tails = EXTENSIONS.flatMap((e) => [`/${rest}${e}`, `/${rest}/index${e}`]);
    const found: string[] = [];
    for (const file of this.files?.() ?? [])
      if (tails.some((t) => file.endsWith(t)) && !/\/(__tests__|tests?|__mocks__)\//.test(file))
        found.push(file);
    return found;
  }

  /**
   * `src/libs -> ../../../../libs/`: a folder linked to shared code elsewhere in the repository (one copy
   * of the helpers for every service), or one file linked so (`functions/verify-ses/ses.js ->
   * ../../../shared/ses.js`, each function's folder holding links to the shared clients it bundles).
   * Discovery does not follow links, so the module is scanned at its real path; asked only for a relative
   * import nothing else answered.
   */
  private throughLink(base: string): string | undefined {
    let real: string;
    try {
      real = realpathSync(dirname(base));
    } catch {
      return undefined; // No such folder: an import of a file the scan does not have.
    }
    if (real !== dirname(base)) return this.moduleAt(resolve(real, basename(base)));
    const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
    for (const path of [base, ...EXTENSIONS.map((e) => stem + e)]) {
      let file: string;
      try {
        file = realpathSync(path);
      } catch {
        continue; // Not this extension.
      }
      return file === path ? undefined : this.moduleAt(file);
    }
    return undefined;
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
