// The modules of CDK apps only LocalStack runs (cdkCommands.ts): the app's entry and every module that only
// such an app loads. Their findings (a stack's queue without a DLQ, a synth-time asset download without a
// timeout) describe a developer's local stack, so they are held back like a template only `sam local` runs
// (localTemplates.ts). A module joins only when every project module importing it is already in: a module a
// deployed entry, a handler or a test also imports stays out, as does one a local module names as a path
// string (a Lambda `entry`), and a package that loads modules by a computed path gives up the whole app.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { filesUnder } from '../filesUnder.js';
import { EXTENSIONS } from '../moduleResolver.js';
import { type CommandFile, localOnlyEntries } from './cdkCommands.js';

const SKIPPED = new Set([
  'node_modules',
  '.git',
  'cdk.out',
  '.serverless',
  '.aws-sam',
  'coverage',
  '.next',
  'dist',
]);
const CODE = /\.[cm]?[jt]sx?$/;
const COMMANDS = /^(?:package\.json|g?nu?makefile|makefile|justfile|buildspec[\w.-]*\.ya?ml|.*\.sh)$/i;
const MAX_FILES = 20_000;
const MAX_BYTES = 1_000_000;
/** A value import or re-export by a relative path; `import type` loads nothing and is left out. */
const RELATIVE_IMPORT =
  /(?:\bimport\s+(?!type\b)[^'"`;]*?\bfrom\s*|\bexport\s+(?!type\b)[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*)\1/g;
const COMPUTED_LOAD = /\b(?:require|import)\s*\(\s*(?:[A-Za-z_$]|`[^`]*\$\{|(['"])[^'"\n]*\1\s*\+)/;

function read(path: string): string | undefined {
  try {
    return statSync(path).size > MAX_BYTES ? undefined : readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The module a relative specifier of `from` loads, or undefined when no file of the project matches. */
function resolveImport(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.[cm]?js$/, '');
  for (const path of [
    base,
    ...EXTENSIONS.map((e) => stem + e),
    ...EXTENSIONS.map((e) => join(base, `index${e}`)),
  ])
    if (known.has(path)) return path;
  return undefined;
}

/** Does `text` name `file` as a path string outside its import specifiers (a Lambda `entry: '../x.ts'`)? */
function namesAsPath(text: string, file: string): boolean {
  const stem = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const code = text.replace(RELATIVE_IMPORT, '');
  return new RegExp(`[/'"\`]${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.[cm]?[jt]sx?)?['"\`]`).test(
    code,
  );
}

/**
 * Why each module of a local-only CDK app is held back, by its path relative to `root`; empty when the
 * repository runs no `cdklocal` command, or could deploy every such app.
 *
 * @example
 * localCdkReasons('/repo').get('cdk/queues-stack.ts') // 'local-only CDK app: cdk/app.ts is run only by `cdklocal` (package.json) ...'
 */
export function localCdkReasons(root: string): Map<string, string> {
  const reasons = new Map<string, string>();
  const commandFiles: CommandFile[] = [];
  const cdkDirs: string[] = [];
  const code: string[] = [];
  let count = 0;
  for (const path of filesUnder(root, {
    enter: (name) => !SKIPPED.has(name) && (!name.startsWith('.') || name === '.github'),
    take: (e) =>
      CODE.test(e.name) || COMMANDS.test(e.name) || e.name === 'cdk.json' || /\.ya?ml$/.test(e.name),
  })) {
    if (++count > MAX_FILES) return reasons;
    const name = path.replace(/^.*\//, '');
    if (name === 'cdk.json') cdkDirs.push(dirname(path));
    else if (CODE.test(name) && !COMMANDS.test(name)) code.push(path);
    else if (COMMANDS.test(name) || path.includes('/.github/workflows/')) {
      const text = read(path);
      if (text !== undefined) commandFiles.push({ path, text });
    }
  }
  if (!commandFiles.some((f) => /\bcdklocal\b/.test(f.text))) return reasons;
  const entries = localOnlyEntries(root, commandFiles, cdkDirs);
  if (entries.length === 0) return reasons;
  const texts = new Map<string, string>();
  for (const path of code) {
    const text = read(path);
    if (text !== undefined) texts.set(path, text);
  }
  const known = new Set(texts.keys());
  const imports = new Map<string, Set<string>>();
  const importers = new Map<string, Set<string>>();
  for (const [path, text] of texts) {
    const out = new Set<string>();
    for (const m of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolveImport(path, m[2] as string, known);
      if (target === undefined || target === path) continue;
      out.add(target);
      const from = importers.get(target) ?? new Set<string>();
      importers.set(target, from);
      from.add(path);
    }
    imports.set(path, out);
  }
  for (const { entry, where } of entries) {
    const app = closure(entry, imports, importers, texts);
    if (app === undefined) continue;
    const reason = `local-only CDK app: ${rel(root, entry)} is run only by \`cdklocal\` (${rel(root, where)}) and deployed by nothing in the repository; set "localTemplates": "report" in bulwark.config.json to report it`;
    for (const path of app) if (!reasons.has(rel(root, path))) reasons.set(rel(root, path), reason);
  }
  return reasons;
}

/** The entry and the modules only it (and modules already in) import; undefined on a computed load. */
function closure(
  entry: string,
  imports: ReadonlyMap<string, ReadonlySet<string>>,
  importers: ReadonlyMap<string, ReadonlySet<string>>,
  texts: ReadonlyMap<string, string>,
): Set<string> | undefined {
  if ((importers.get(entry)?.size ?? 0) > 0) return undefined;
  const app = new Set([entry]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const member of [...app]) {
      if (COMPUTED_LOAD.test(texts.get(member) ?? '')) return undefined;
      for (const target of imports.get(member) ?? []) {
        if (app.has(target)) continue;
        if (![...(importers.get(target) ?? [])].every((from) => app.has(from))) continue;
        if ([...app].some((m) => namesAsPath(texts.get(m) ?? '', target))) continue;
        app.add(target);
        grew = true;
      }
    }
  }
  return app;
}

function rel(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}
