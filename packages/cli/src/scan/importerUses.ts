// What importers do with a module's exports, for findings the exporting module cannot settle alone: is an
// export called on some handler's must-complete path (js/handlerImports.ts), directly or through barrels
// (`export { x } from './x'`) and other modules' exports that call it, and does every call of an export
// read its awaited result (js/resultUse.ts)? Built from every analysed module's facts, and added to as the
// project pass analyses deferred modules.

import { dirname, resolve as resolvePath } from 'node:path';
import { reExportsFrom } from './barrelDrops.js';
import { dropKeys } from './dropKeys.js';
import { escapeRegExp } from './escapeRegExp.js';
import { globModules, isGlobSource } from './globImports.js';
import { runsHanded } from './handedReach.js';
import type { ModuleFacts } from './js/Candidate.js';
import { FOLDER_TAIL } from './js/folderLoads.js';
import type { HandedWork } from './js/handedWork.js';
import { isProjectSource } from './js/projectSource.js';
import { splitTag } from './js/registeredEntries.js';
import { ownEntry } from './ownEntry.js';
import { TYPE_ARGUMENTS } from './typeArguments.js';

/** The name standing for every export of a module (a glob import hands the handler all of them). */
const EVERY = '*';

export class ImporterUses {
  /** Glob imports (`[from, source]`) a handler's module hands its handler (globImports.ts). */
  private readonly globs: [string, string][] = [];
  /** Every module taken in (add). */
  private readonly files = new Set<string>();
  /** `file#export` keys some module's handler path calls. */
  private readonly handlerPath = new Set<string>();
  /** `file#export` -> every call of it in other modules reads the awaited result. */
  private readonly reads = new Map<string, boolean>();
  /** `file#export` -> every call of it in other modules tests the awaited result and fails on a falsy one. */
  private readonly tests = new Map<string, boolean>();
  /** `file#export` -> the modules whose calls of it `reads` and `tests` were told of. */
  private readonly callers = new Map<string, Set<string>>();
  /** `file#Interface` -> the `[file, class]` pairs that implement it (a field typed by it runs one of them). */
  private readonly implemented = new Map<string, [string, string][]>();
  /** `file#name` keys some module awaits and drops the result of (rules/errorValues.ts). */
  private readonly drops = new Set<string>();
  /** `file#name` keys some module reads the awaited answer of as data, or tests as an error (rules/errorAnswerUses.ts). */
  private readonly asData = new Set<string>();
  private readonly asError = new Set<string>();
  /** `file#name` -> the `[file, handler exports]` whose entry handler returns its answer as its own. */
  private readonly handlerReturned = new Map<string, [string, readonly string[]][]>();
  /** The handler path's `[file, export]` pairs as called, and their closure once asked (see `reached`). */
  private readonly called: [string, string][] = [];
  private reach: Set<string> | undefined;
  private readonly resolve: (from: string, source: string) => string | undefined;
  private readonly factsOf: (file: string) => ModuleFacts | undefined;
  /** Deferred modules' sources (project.ts): a caller among them is analysed before callersRead answers. */
  private readonly deferred: ReadonlyMap<string, string>;

  constructor(
    modules: Iterable<ModuleFacts>,
    resolve: (from: string, source: string) => string | undefined,
    factsOf: (file: string) => ModuleFacts | undefined = () => undefined,
    deferred: ReadonlyMap<string, string> = new Map(),
  ) {
    this.resolve = resolve;
    this.factsOf = factsOf;
    this.deferred = deferred;
    for (const m of modules) this.add(m);
  }

  /**
   * Takes in one module's facts: every analysed module at the start, then each deferred module when the
   * project pass analyses it (project.ts factsOf). A module analysed after the first question must count
   * as much as one analysed before it, or a finding would depend on the order modules were asked about.
   */
  add(m: ModuleFacts): void {
    const resolve = this.resolve;
    this.files.add(m.file);
    // A bare-path edge (a tsconfig alias, js/projectCall.ts) makes the handler graph known only when it
    // names a scanned module: `aws-sdk/clients/s3` is a package, not project code.
    const known = (ref: { source: string; from: string }) =>
      isProjectSource(ref.source) || resolve(ref.from, ref.source) !== undefined;
    if ((m.handlerCalls ?? []).some(known)) this.callingHandlers.add(m.file);
    for (const ref of m.handlerCalls ?? []) {
      // A glob import handed to the handler (globImports.ts): matched when the handler path is asked.
      if (isGlobSource(ref.source)) {
        this.globs.push([ref.from, ref.source]);
        this.reach = undefined;
        continue;
      }
      const target = resolve(ref.from, ref.source);
      if (target === undefined) continue;
      this.handlerPath.add(`${target}#${ref.name}`);
      this.called.push([target, ref.name]);
      this.reach = undefined;
    }
    // A function a handler hands to a runner that runs it (handedReach.ts): asked when the path is.
    for (const h of m.handedWork ?? [])
      if (h.reach === true) {
        this.handedByHandlers.push(h);
        this.reach = undefined;
      }
    for (const key of dropKeys(m, resolve)) this.drops.add(key);
    for (const key of dropKeys(m, resolve, m.errorAnswerUses?.data ?? { sources: [], names: [] }))
      this.asData.add(key);
    for (const key of dropKeys(m, resolve, m.errorAnswerUses?.checked ?? { sources: [], names: [] }))
      this.asError.add(key);
    for (const returns of m.handlerReturns ?? [])
      for (const key of dropKeys(m, resolve, returns))
        this.handlerReturned.set(key, [...(this.handlerReturned.get(key) ?? []), [m.file, returns.handlers]]);
    for (const impl of m.implementers ?? []) {
      const iface = impl.source === '' ? m.file : resolve(m.file, impl.source);
      if (iface === undefined) continue;
      const key = `${iface}#${impl.name}`;
      this.implemented.set(key, [...(this.implemented.get(key) ?? []), [m.file, impl.cls]]);
      this.reach = undefined;
    }
    for (const use of m.resultUses ?? []) {
      const target = resolve(use.ref.from, use.ref.source);
      if (target === undefined) continue;
      const key = `${target}#${use.ref.name}`;
      this.reads.set(key, use.reads && (this.reads.get(key) ?? true));
      this.tests.set(key, use.tests === true && (this.tests.get(key) ?? true));
      this.callers.set(key, (this.callers.get(key) ?? new Set()).add(m.file));
    }
  }

  /** Functions handlers hand to project runners (js/handedWork.ts). */
  private readonly handedByHandlers: HandedWork[] = [];

  /** Modules whose handler calls a project import: where a handler graph is known. */
  private readonly callingHandlers = new Set<string>();

  /**
   * Is there a handler under `dir` that calls project code: is the handler graph of that folder known?
   *
   * @example
   * uses.knowsHandlersUnder('/app/') // true when /app/index.js's handler calls ./lib/prefetch
   */
  knowsHandlersUnder(dir: string): boolean {
    for (const file of this.callingHandlers) if (file.startsWith(dir)) return true;
    return false;
  }

  /**
   * Does a handler in some scanned module call one of `names` exported from `file`?
   *
   * @example
   * uses.onHandlerPath('/app/initMenu.js', ['initMenu']) // true when app.js's handler calls initMenu()
   */
  onHandlerPath(file: string, names: readonly string[]): boolean {
    if (names.some((n) => this.handlerPath.has(`${file}#${n}`))) return true;
    this.reach ??= this.reached();
    const reach = this.reach;
    return reach.has(`${file}#${EVERY}`) || names.some((n) => reach.has(`${file}#${n}`));
  }

  /**
   * Every `file#export` the handler path reaches: through re-exports to the module that defines a name,
   * and through the project imports an export calls, a few modules deep. Deferred modules on the way are
   * analysed (factsOf); only asked when a candidate is not settled by a direct call.
   */
  private reached(): Set<string> {
    const reach = new Set<string>();
    const queue: [string, string, number][] = this.called.map(([file, name]) => [file, name, 0]);
    const files = [...this.files, ...this.deferred.keys()];
    for (const [from, source] of this.globs)
      for (const file of globModules(from, source, files)) queue.push([file, EVERY, 0]);
    const graph = { factsOf: this.factsOf, resolve: this.resolve };
    // The work a runner runs is on the path of the code handing it over (handedReach.ts).
    const hand = (h: HandedWork, depth: number) => {
      if (!runsHanded(graph, h)) return;
      for (const w of h.work) {
        const target = this.resolve(w.from, w.source);
        if (target !== undefined) queue.push([target, w.name, depth + 1]);
      }
    };
    for (const h of this.handedByHandlers) hand(h, 0);
    while (queue.length > 0) {
      const [file, name, depth] = queue.pop() as [string, string, number];
      const key = `${file}#${name}`;
      if (reach.has(key)) continue;
      reach.add(key);
      // An interface the path calls through: each project class implementing it runs there.
      for (const [impl, cls] of this.implemented.get(key) ?? []) queue.push([impl, cls, depth + 1]);
      const facts = depth < 6 ? this.factsOf(file) : undefined;
      if (facts === undefined) continue;
      // A tagged name (`X#registered`, js/registeredEntries.ts) follows a barrel by its export's name.
      const [base, tag] = splitTag(name);
      for (const re of facts.reExports) {
        const target = this.resolve(file, re.source);
        if (target === undefined) continue;
        if (re.names === undefined) queue.push([target, name, depth + 1]);
        else
          for (const [exported, local] of re.names) {
            if (exported !== base) continue;
            // A destructured key (`const { shorten } = require('../links')`) names only the members read
            // on it (importedUnnamed reads them from the text); called itself, it is the module's default.
            const key = re.commonJsKey === true && local === EVERY;
            queue.push([target, `${key ? 'default' : local}${tag}`, depth + 1]);
          }
      }
      const calls =
        name === EVERY
          ? Object.values(facts.exportCalls ?? {}).flat()
          : (ownEntry(facts.exportCalls, name) ?? []);
      for (const ref of calls) {
        // `../providers/*`: the export of that name of each module in the folder (js/folderLoads.ts).
        const targets = ref.source.endsWith(FOLDER_TAIL)
          ? this.folderModules(ref.from, ref.source.slice(0, -FOLDER_TAIL.length))
          : [this.resolve(ref.from, ref.source)];
        for (const target of targets) if (target !== undefined) queue.push([target, ref.name, depth + 1]);
      }
      for (const h of facts.handedWork ?? [])
        if (h.reach !== true && (name === EVERY || h.reach.includes(base))) hand(h, depth);
    }
    return reach;
  }

  /** The project's modules directly in folder `source` of `from`'s folder, analysed or deferred. */
  private folderModules(from: string, source: string): string[] {
    const dir = resolvePath(dirname(from), source);
    return [...this.files, ...this.deferred.keys()].filter((f) => dirname(f) === dir);
  }

  /**
   * Some module calls one of `names` exported from `file`, and every such call reads the result (or, for a
   * `falsy` answer such as `false`, tests it and fails on it); or none does, and `local` says the exporting
   * module's own calls all do.
   *
   * @example
   * uses.callersRead('/app/ddb.js', ['getItem']) // true when every caller does `result.Items...` first
   */
  callersRead(
    file: string,
    names: readonly string[],
    how: { readonly falsy?: true; readonly local?: true } = {},
  ): boolean {
    // A deferred module that calls one of the names is a caller too: analysed (and added) before answering.
    const call = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\s*${TYPE_ARGUMENTS}\\(`);
    for (const [other, source] of [...this.deferred]) if (call.test(source)) this.factsOf(other);
    const table = how.falsy === true ? this.tests : this.reads;
    const found = names.map((n) => table.get(`${file}#${n}`)).filter((r) => r !== undefined);
    // No other module calls it: the module's own calls, all failing on the answer, are its callers.
    if (found.length === 0) return how.local === true;
    return found.every((r) => r);
  }

  /**
   * The modules whose calls of `name` (defined in `file`) callersRead has read.
   *
   * @example
   * uses.callersOf('/app/account.service.js', 'create') // Set { '/app/create.js' }
   */
  callersOf(file: string, name: string): ReadonlySet<string> {
    return this.callers.get(`${file}#${name}`) ?? new Set();
  }

  /**
   * Does this module, or one importing `file`, await a call of one of `names` and drop the result?
   *
   * @example
   * uses.dropped('/app/db.js', ['markDone']) // true when job.js (importing ./db) has `await db.markDone(ids);`
   */
  dropped(file: string, names: readonly string[]): boolean {
    return this.marked(this.drops, file, names);
  }

  /** Does `keys` hold one of `names` of `file`, directly or through a barrel that re-exports it (barrelDrops.ts)? */
  private marked(keys: ReadonlySet<string>, file: string, names: readonly string[]): boolean {
    if (names.some((n) => keys.has(`${file}#${n}`))) return true;
    for (const key of keys) {
      const at = key.lastIndexOf('#');
      const name = key.slice(at + 1);
      if (names.includes(name) && reExportsFrom(key.slice(0, at), file, name, this.factsOf, this.resolve))
        return true;
    }
    return false;
  }

  /**
   * Does a module await a call of one of `names` (defined in `file`) and go on with the answer as data,
   * while none tests it as an error? A deferred module calling one of the names is analysed first.
   *
   * @example
   * uses.usedAsData('/app/stripe.ts', ['createPaymentIntent']) // true for `save((await s.createPaymentIntent(p)).id)`
   */
  usedAsData(file: string, names: readonly string[]): boolean {
    const call = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\s*${TYPE_ARGUMENTS}\\(`);
    for (const [other, source] of [...this.deferred]) if (call.test(source)) this.factsOf(other);
    return !this.marked(this.asError, file, names) && this.marked(this.asData, file, names);
  }

  /**
   * The handlers (`[file, export names]`) that return the answer of one of `names` (defined in `file`) as
   * their own: whether that answer is read depends on what invokes them.
   *
   * @example
   * uses.returnedByHandlers('/src/services/Job.ts', ['processRequest']) // [['/src/JobHandler.ts', ['lambdaHandler']]]
   */
  returnedByHandlers(file: string, names: readonly string[]): [string, readonly string[]][] {
    return names.flatMap((n) => this.handlerReturned.get(`${file}#${n}`) ?? []);
  }
}
