// The join behind a function the project's own code invokes asynchronously by name (iac-missing-dlq): code
// names the function (`svc-${stage}-notify` with `InvocationType: 'Event'`, directly or through a project
// helper another module declares, js/rules/asyncInvokeNames.ts), and a serverless.ts deploys an imported
// definition under that name (js/rules/serverlessTsInvoked.ts). Names are patterns, `*` for what only the
// deploy decides (the stage), compared with `*` matching any run of characters on either side.
import { envInvokers } from './iac/envHandedFunctions.js';
import type { ImportRef, ModuleFacts } from './js/Candidate.js';
import { calledName } from './js/rules/asyncInvokeNames.js';
import { ownEntry } from './ownEntry.js';

/** What the join needs of the project: its modules, module resolution, facts on demand. */
export interface InvokeSources {
  readonly modules: () => Iterable<ModuleFacts>;
  readonly resolve: (from: string, source: string) => string | undefined;
  readonly factsOf: (file: string) => ModuleFacts | undefined;
}

/** A name pattern, `*` matching any run of characters, as an anchored expression. */
function patternRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/**
 * Whether a deployed name and an invoked name can be the same function: each pattern's `*` may stand for
 * the other's text. An invoked name with no literal text after its last `*` could name any function: none.
 * @example
 * namesMeet('DRKunta-*-notify', 'DRKunta-*-notify') // true
 * namesMeet('DRKunta-*-notify', 'DRKunta-*-report') // false
 */
export function namesMeet(deployed: string, invoked: string): boolean {
  if (/\*[^*]{0,2}$/.test(invoked) || /\*[^*]{0,2}$/.test(deployed)) return false;
  return patternRegExp(invoked).test(deployed) || patternRegExp(deployed).test(invoked);
}

/** The module and export an import finally names, following named re-exports (`export { default as x } from`). */
function definedAt(src: InvokeSources, ref: ImportRef, depth = 0): string | undefined {
  const file = src.resolve(ref.from, ref.source);
  if (file === undefined || depth > 5) return undefined;
  const m = src.factsOf(file);
  for (const re of m?.reExports ?? []) {
    const pair = re.names?.find(([exported]) => exported === ref.name);
    if (pair !== undefined)
      return definedAt(src, { from: file, source: re.source, name: pair[1] }, depth + 1);
  }
  return `${file}#${ref.name}`;
}

/**
 * Which serverless.ts-deployed definitions the project's code invokes asynchronously, joined once, and
 * whether a serverless.yml function's deployed name is among the invoked ones.
 */
export class InvokedFunctions {
  private invokedSet: Set<string> | undefined;
  private invokedNames: string[] | undefined;
  private files: string[] | undefined;
  private byStem: Map<string, string> | undefined;
  private envInvoked: Map<string, string[]> | undefined;
  private readonly src: InvokeSources;

  constructor(src: InvokeSources) {
    this.src = src;
  }

  /** Whether `name` exported from `file` is deployed under a name some code invokes with `'Event'`. */
  isInvoked(file: string, name: string): boolean {
    this.invokedSet ??= this.join();
    return this.invokedSet.has(`${file}#${name}`);
  }

  /** Whether some code invokes, with `'Event'`, a name one of these deployed name patterns can be. */
  isNameInvoked(deployed: readonly string[]): boolean {
    this.invokedNames ??= this.names([...this.src.modules()]);
    const invoked = this.invokedNames;
    return deployed.some((d) => invoked.some((i) => namesMeet(d, i)));
  }

  /**
   * Whether a module under one of these code folders, or reached from one of these handlers through project
   * imports, invokes, with `'Event'`, the function one of these environment variables names: the holder's
   * own code, not another service reading a variable of that name.
   */
  isEnvInvoked(env: {
    readonly variables: readonly string[];
    readonly under: readonly string[];
    readonly written?: readonly string[];
    readonly handlers?: readonly string[];
  }): boolean {
    this.envInvoked ??= envInvokers(this.src.modules());
    const invoked = this.envInvoked;
    const within = (file: string, dir: string) => file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
    // A CodeUri the template's folder does not hold (written relative to where the build runs) is matched
    // as written, anywhere in the project, as handler strings are (handlerJoin.ts).
    this.files ??= [...this.src.modules()].map((m) => m.file);
    const files = this.files;
    const held = env.under.some((dir) => files.some((f) => within(f, dir)));
    const reached = this.reachedFrom(env.handlers ?? []);
    const inside = (file: string) =>
      reached.has(file) ||
      (held
        ? env.under.some((dir) => within(file, dir))
        : (env.written ?? []).some((dir) => dir !== '' && `/${file}`.includes(`/${dir}/`)));
    return env.variables.some((v) => (invoked.get(v) ?? []).some(inside));
  }

  /** The modules these handlers (`/app/api.handler`) are in or call into, following each export's project imports. */
  private reachedFrom(handlers: readonly string[]): Set<string> {
    const out = new Set<string>();
    if (handlers.length === 0) return out;
    this.files ??= [...this.src.modules()].map((m) => m.file);
    this.byStem ??= new Map(this.files.map((f) => [f.replace(/\.[cm]?[jt]sx?$/, ''), f]));
    const byStem = this.byStem;
    const todo: string[] = [];
    for (const h of handlers) {
      const dot = h.lastIndexOf('.');
      const file = byStem.get(h.slice(0, dot)) ?? byStem.get(`${h.slice(0, dot)}/index`);
      if (file !== undefined) todo.push(`${file}#${h.slice(dot + 1)}`);
    }
    const seen = new Set<string>();
    for (let at = todo.pop(); at !== undefined && seen.size < 200; at = todo.pop()) {
      if (seen.has(at)) continue;
      seen.add(at);
      const hash = at.lastIndexOf('#');
      const file = at.slice(0, hash);
      out.add(file);
      for (const ref of ownEntry(this.src.factsOf(file)?.exportCalls, at.slice(hash + 1)) ?? []) {
        const next = definedAt(this.src, ref);
        if (next !== undefined) todo.push(next);
      }
    }
    return out;
  }

  /** Every name pattern the project's code invokes with `'Event'`, directly or through a helper. */
  private names(modules: readonly ModuleFacts[]): string[] {
    const invoked = modules.flatMap((m) => [...(m.asyncInvokedNames ?? [])]);
    for (const m of modules)
      for (const call of m.invokeHelperCalls ?? []) {
        const target = this.src.resolve(call.ref.from, call.ref.source);
        // A helper looking its name up in a table is one helper per entry (js/rules/asyncInvokeNames.ts).
        const helpers = target === undefined ? undefined : this.src.factsOf(target)?.invokeHelpers;
        for (const helper of helpers ?? []) {
          const name = helper.name === call.ref.name ? calledName(helper, call.args) : undefined;
          if (name !== undefined) invoked.push(name);
        }
      }
    return invoked;
  }

  private join(): Set<string> {
    const modules = [...this.src.modules()];
    this.invokedNames ??= this.names(modules);
    const invoked = this.invokedNames;
    const out = new Set<string>();
    if (invoked.length === 0) return out;
    for (const m of modules)
      for (const deployed of m.serverlessFunctionNames ?? [])
        if (deployed.names.some((d) => invoked.some((i) => namesMeet(d, i)))) {
          const at = definedAt(this.src, deployed.ref);
          if (at !== undefined) out.add(at);
        }
    return out;
  }
}
