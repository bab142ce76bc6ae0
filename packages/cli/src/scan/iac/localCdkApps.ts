// The modules of CDK apps only LocalStack runs (cdkCommands.ts): the app's entry and every module that only
// such an app loads. Their findings (a stack's queue without a DLQ, a synth-time asset download without a
// timeout) describe a developer's local stack, so they are held back like a template only `sam local` runs
// (localTemplates.ts). Nothing here walks or reads the tree: the command files are DeployPaths' evidence
// (README, docs, CI, the scripts commands name), the texts are the ones deadModules.ts reads once per scan,
// and imports resolve through the scan's ModuleResolver (workspaces, tsconfig aliases). A module joins only
// when every module importing it is already in, no text outside the app names it as a path string (a
// stack's Lambda `entry`, or the app's own), and it exports no Lambda handler; an app that loads modules by a
// computed path, or that builds a CDK Pipeline (which deploys it from the repository), is kept whole.
import { basename, dirname, relative } from 'node:path';
import { COMPUTED_LOAD, treeTexts } from '../deadModules.js';
import type { DiscoveredFile } from '../discover.js';
import { escapeRegExp } from '../escapeRegExp.js';
import type { ModuleFacts } from '../js/Candidate.js';
import type { Project } from '../project.js';
import { type CommandFile, localOnlyEntries } from './cdkCommands.js';
import { DeployPaths } from './localTemplates.js';

/** A text file of the repository, by its absolute path. */
export interface TextFile {
  readonly file: string;
  readonly text: string;
}

/** What the hold-back reads: all of it already at hand in a scan. */
export interface CdkInputs {
  readonly root: string;
  /** Absolute folders of the cdk.json files discover() found. */
  readonly cdkDirs: readonly string[];
  /** The deploy evidence (DeployPaths.cdkEvidence); undefined when some deploy script could not be read. */
  readonly commandFiles: readonly CommandFile[] | undefined;
  /** Every text file of the repository, tests included; undefined when the read stopped early. */
  readonly texts: () => readonly TextFile[] | undefined;
  /** The module an import specifier of `from` loads (ModuleResolver), or undefined. */
  readonly resolve: (from: string, spec: string) => string | undefined;
}

const CODE = /\.[cm]?[jt]sx?$/;
const CDK_LIBRARY = /^(?:aws-cdk-lib|@aws-cdk\/)/;
/** A value import or re-export; `import type` loads nothing and is left out. */
const IMPORT =
  /(?:\bimport\s+(?!type\b)[^'"`;]*?\bfrom\s*|\bexport\s+(?!type\b)[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"`])([^'"`$\n]+)\1/g;
/** Every import specifier, `import type` too: stripped before asking whether a text names a module as a path. */
const ANY_IMPORT = new RegExp(IMPORT.source.replaceAll('(?!type\\b)', ''), 'g');
/** CDK Pipelines: the app deploys itself from the repository, whatever else runs it. */
const PIPELINE =
  /['"](?:aws-cdk-lib\/pipelines|@aws-cdk\/pipelines)['"]|\bpipelines\.(?:CodePipeline|CdkPipeline)\b/;
/** A Lambda handler export: a deployed function's code, whoever else imports it. */
const HANDLER_EXPORT =
  /\bexport\s+(?:const|let|var|(?:async\s+)?function\*?)\s+handler\b|\bexports\.handler\s*=|\bexport\s*\{[^}]*\bhandler\b/;

/** Does `text` name `file` as a path string outside its import specifiers (a Lambda `entry: '../x.ts'`)? */
function namesAsPath(text: string, file: string): boolean {
  const stem = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  if (!text.includes(stem)) return false;
  const code = text.replace(ANY_IMPORT, '');
  return new RegExp(`[/'"\`]${escapeRegExp(stem)}(?:\\.[cm]?[jt]sx?)?['"\`]`).test(code);
}

/**
 * Why each module of a local-only CDK app is held back, by its path relative to `root`; empty when no
 * evidence line runs `cdklocal`, or every such app may be deployed.
 *
 * @example
 * localCdkReasons(inputs).get('cdk/queues-stack.ts') // 'local-only CDK app: cdk/app.ts is run only by `cdklocal` (package.json) ...'
 */
export function localCdkReasons(inputs: CdkInputs): Map<string, string> {
  const { root, commandFiles } = inputs;
  const reasons = new Map<string, string>();
  if (inputs.cdkDirs.length === 0 || commandFiles === undefined) return reasons;
  if (!commandFiles.some((f) => /\bcdklocal\b/.test(f.text))) return reasons;
  const entries = localOnlyEntries(root, commandFiles, inputs.cdkDirs);
  if (entries.length === 0) return reasons;
  const all = inputs.texts();
  if (all === undefined) return reasons;
  const texts = new Map(all.map((f) => [f.file, f.text]));
  const imports = new Map<string, Set<string>>();
  const importers = new Map<string, Set<string>>();
  for (const [path, text] of texts) {
    if (!CODE.test(path)) continue;
    const out = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const target = inputs.resolve(path, m[2] as string);
      if (target === undefined || target === path) continue;
      out.add(target);
      const from = importers.get(target) ?? new Set<string>();
      importers.set(target, from);
      from.add(path);
    }
    imports.set(path, out);
  }
  for (const { entry, where } of entries) {
    const app = closure(entry, { imports, importers, texts });
    if (app === undefined) continue;
    const reason = `local-only CDK app: ${rel(root, entry)} is run only by \`cdklocal\` (${rel(root, where)}) and deployed by nothing in the repository; set "localTemplates": "report" in bulwark.config.json to report it`;
    for (const path of app) if (!reasons.has(rel(root, path))) reasons.set(rel(root, path), reason);
  }
  return reasons;
}

/**
 * localCdkReasons for a scan: nothing is read unless discover() found a cdk.json or a module importing the CDK
 * library, and the tree's texts only
 * once some deploy evidence runs `cdklocal` an app no plain command runs.
 * @example
 * localCdkModules('/repo', found.files, modules, project).get('cdk/app.ts') // 'local-only CDK app: ...'
 */
export function localCdkModules(
  root: string,
  files: readonly DiscoveredFile[],
  modules: readonly ModuleFacts[],
  project: Project,
): Map<string, string> {
  const cdkDirs = files.filter((f) => basename(f.path) === 'cdk.json').map((f) => dirname(f.path));
  // An app run by `--app` needs no cdk.json: the folders of modules importing the CDK library hold its commands.
  const cdkCode = modules.filter((m) => m.importSources?.some((s) => CDK_LIBRARY.test(s)) === true);
  if (cdkDirs.length === 0 && cdkCode.length === 0) return new Map();
  const evidenceDirs = [...new Set([...cdkDirs, ...cdkCode.map((m) => dirname(m.file))])];
  return localCdkReasons({
    root,
    cdkDirs,
    commandFiles: new DeployPaths(root).cdkEvidence(evidenceDirs),
    texts: () => treeTexts(project, root),
    resolve: (from, spec) => project.resolveModule(from, spec),
  });
}

interface Graph {
  readonly imports: ReadonlyMap<string, ReadonlySet<string>>;
  readonly importers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly texts: ReadonlyMap<string, string>;
}

/** Every module `entry` loads, directly or not: a pipeline anywhere there deploys the app. */
function reach(entry: string, g: Graph): Set<string> {
  const seen = new Set([entry]);
  for (const queue = [entry]; queue.length > 0; )
    for (const next of g.imports.get(queue.pop() as string) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  return seen;
}

/** The entry and the modules only it (and modules already in) import; undefined when the app is kept whole. */
function closure(entry: string, g: Graph): Set<string> | undefined {
  if ((g.importers.get(entry)?.size ?? 0) > 0) return undefined;
  for (const m of reach(entry, g)) if (PIPELINE.test(g.texts.get(m) ?? '')) return undefined;
  const app = new Set([entry]);
  const named = (target: string) =>
    [...g.texts].some(([file, text]) => file !== target && namesAsPath(text, target));
  for (let grew = true; grew; ) {
    grew = false;
    for (const member of [...app]) {
      if (COMPUTED_LOAD.test(g.texts.get(member) ?? '')) return undefined;
      for (const target of g.imports.get(member) ?? []) {
        if (app.has(target)) continue;
        if (![...(g.importers.get(target) ?? [])].every((from) => app.has(from))) continue;
        if (HANDLER_EXPORT.test(g.texts.get(target) ?? '') || named(target)) continue;
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
