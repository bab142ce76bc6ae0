// Project pass: follows relative imports between the scanned files to settle findings that depend on
// another file (a wrapper or an async function defined elsewhere), and applies IaC facts to code.

import { BatchOneHandlers, type BatchOneSources } from './batchOne.js';
import type { EventCallers } from './eventCallers.js';
import { ExportLookup } from './exportLookup.js';
import { ExportNames } from './exportNames.js';
import { LockedHandlers } from './handlerVersions.js';
import { importAsync } from './importAsync.js';
import type { ImporterUses } from './importerUses.js';
import type { InvokedFunctions } from './invokedFunctions.js';
import { analyzeModule } from './js/analyzeModule.js';
import type {
  Candidate,
  EventSourceWrapper,
  ExportFact,
  FieldRoute,
  HandlerFact,
  HandlerLink,
  ImportRef,
  ModuleFacts,
  PassedProps,
  Protection,
} from './js/Candidate.js';
import type { ProjectClient } from './js/ModuleFacts.js';
import { mayBatch } from './js/rules/batchWrappers.js';
import { keepCandidate } from './keepCandidate.js';
import { EXTENSIONS, ModuleResolver } from './moduleResolver.js';
import { ownEntry } from './ownEntry.js';
import { batchOneSources } from './projectBatchSources.js';
import type { ClientBuild } from './projectClients.js';
import { optionsUnread } from './projectOptions.js';
import { ProjectViews } from './projectViews.js';
import { templateSettles } from './templateSettles.js';
import { TemplateWiring } from './templateWiring.js';
import { TsconfigPaths } from './tsconfigPaths.js';
import type { Workspaces } from './workspaces.js';

export class Project {
  private readonly modules = new Map<string, ModuleFacts>();
  private readonly batchOne: BatchOneHandlers;
  /** Every module's wiring of a construct's field into an API construct (rules/cdkApiProps.ts). */
  readonly fieldRoutes: FieldRoute[] = [];
  /** Every module's calls of project helpers with props, by calling file (rules/cdkPassedProps.ts). */
  readonly passedProps: { readonly file: string; readonly pass: PassedProps }[] = [];
  private readonly resolver: ModuleResolver;
  private readonly exports: ExportLookup;
  /** The views gathered lazily from every module (projectViews.ts). */
  private readonly views: ProjectViews;
  /** Names some module exports with a fact: a name in none settles a question without resolving it. */
  readonly names = new ExportNames();

  /** The SqsEventSource wrapper behind an imported name, resolved only when some module exports one. */
  wrapperOf(ref: ImportRef): EventSourceWrapper | undefined {
    if (!this.names.mayBe('wrappers', ref.name)) return undefined;
    const target = this.resolveModule(ref.from, ref.source);
    return target === undefined ? undefined : this.exportFact(target, ref.name)?.eventSource;
  }

  /** Sources of deferred modules (js/ruleGate.ts), analysed in full the first time their facts are asked. */
  readonly deferred: Map<string, string>;
  /** The request handlers the project's lockfiles install (sdk-client-no-timeout's `requestTimeout`). */
  readonly lockedHandlers: LockedHandlers;
  /** The scan root, when known: nothing above it is read (scriptCallers.ts looks for `scripts/` below it). */
  readonly rootDir: string | undefined;

  constructor(
    modules: readonly ModuleFacts[],
    batchOneHandlers: readonly string[],
    workspaces?: Workspaces,
    deferredSources: ReadonlyMap<string, string> = new Map(),
  ) {
    this.resolver = new ModuleResolver(
      (file) => this.modules.has(file),
      workspaces,
      workspaces === undefined ? undefined : new TsconfigPaths(workspaces.rootDir),
      () => this.modules.keys(),
    );
    this.deferred = new Map(deferredSources);
    this.lockedHandlers = new LockedHandlers(workspaces?.rootDir);
    this.rootDir = workspaces?.rootDir;
    this.exports = new ExportLookup({
      deferred: this.deferred,
      factsOf: (file) => this.factsOf(file),
      resolve: (from, source) => this.resolveModule(from, source),
    });
    this.views = new ProjectViews({
      modules: () => this.modules.values(),
      deferred: this.deferred,
      factsOf: (file) => this.factsOf(file),
      resolve: (from, source) => this.resolveModule(from, source),
      scheduled: (file, name) => this.wiring.isScheduled(file, name),
      routed: (file, name) => this.wiring.isRouted(file, name),
      unread: (file, name) => this.wiring.isAnswerUnread(file, name),
    });
    this.batchOne = new BatchOneHandlers(
      [...batchOneHandlers, ...modules.flatMap((m) => m.batchOneHandlers ?? [])],
      this.batchOneSources(),
    );
    for (const m of modules) {
      this.modules.set(m.file, m);
      this.register(m);
    }
  }

  private batchOneSources(): BatchOneSources {
    return batchOneSources(this, this.modules);
  }

  /** Notes the names a module exports as wrappers or async functions, and the names it re-exports as. */
  private register(m: ModuleFacts): void {
    if (m.batchOneIfWrapper !== undefined) this.batchOne.addIfWrapper(m.batchOneIfWrapper);
    if (m.liftWorkerRefs !== undefined) this.batchOne.addLiftWorkers(m.liftWorkerRefs);
    if (m.fieldRoutes !== undefined) this.fieldRoutes.push(...m.fieldRoutes);
    for (const pass of m.passedProps ?? []) this.passedProps.push({ file: m.file, pass });
    this.names.note(m);
  }

  /**
   * Does some module export an SqsEventSource wrapper? Only then can a construct built in a deferred
   * module be reported (rules/cdkWrappers.ts), so only then are deferred modules' candidates needed.
   */
  get hasEventSourceWrappers(): boolean {
    return this.names.wrappers.size > 0;
  }

  /** A module's facts, analysing a deferred module in full on first use. */
  factsOf(file: string): ModuleFacts | undefined {
    const m = this.modules.get(file);
    if (m?.deferred !== true) return m;
    const source = this.deferred.get(file);
    let full: ModuleFacts = m;
    try {
      if (source !== undefined) full = analyzeModule(file, source, true, undefined, this.rootDir);
    } catch {
      // A rule bug while answering an importer: the module then offers nothing, as if unseen.
    }
    const { deferred: _, ...settled } = full;
    this.modules.set(file, settled);
    this.deferred.delete(file);
    this.register(settled);
    // Gathered views take it in too: a module analysed after their first question counts as one before.
    this.views.noteSettled(settled);
    return settled;
  }

  /**
   * A template finding its handler's code settles: the handler does no work at all (`no-work`), or none
   * on its records one by one (`no-record-work`, a stream source that neither reports nor bisects; and
   * `reported-in-code`, an event source without ReportBatchItemFailures: a handler that never reads its
   * records, a queue used as a nudge, has no record to report, as for CDK's SqsEventSource); or nothing
   * invokes a serverless.yml function's name (templateSettles.ts).
   */
  handlerSettles(c: Candidate): boolean {
    return templateSettles(this, c);
  }

  linkedHandler(link: HandlerLink): HandlerFact | undefined {
    for (const stem of link.stems)
      for (const ext of EXTENSIONS) {
        const m = this.factsOf(stem + ext);
        if (m !== undefined) return ownEntry(m.handlers, link.export);
      }
    return undefined;
  }

  resolveModule(from: string, source: string): string | undefined {
    return this.resolver.resolve(from, source);
  }

  /** The fact behind `name` exported from `file`, following re-exports (exportLookup.ts). */
  exportFact(file: string, name: string): ExportFact | undefined {
    return this.exports.fact(file, name);
  }

  /** The same, for a question only a module whose text passes `mayHold` can answer (exportLookup.ts). */
  exportFactWhere(file: string, name: string, mayHold: (text: string) => boolean): ExportFact | undefined {
    return this.exports.factWhere(file, name, mayHold);
  }

  provides(ref: ImportRef, kind: Protection, depth = 0): boolean {
    if (depth > 6) return false;
    const target = this.resolveModule(ref.from, ref.source);
    if (target === undefined) return false;
    const fact = this.exportFact(target, ref.name);
    if (fact === undefined) return false;
    if (fact.provides.includes(kind)) return true;
    return fact.via.some((v) => this.provides(v, kind, depth + 1));
  }

  /** Does the imported name (or its method, or a namespace's member) answer a promise? (importAsync.ts) */
  isAsync(ref: ImportRef & { method?: string }): boolean {
    return importAsync(this, ref);
  }

  /** What templates wire each handler to (templateWiring.ts), set by the scan pass. */
  get wiring(): TemplateWiring {
    this.templates ??= new TemplateWiring(this.batchOneSources(), () => this.modules.values());
    return this.templates;
  }

  private templates: TemplateWiring | undefined;

  /** Which serverless.ts definitions the project's code invokes asynchronously (projectViews.ts). */
  get invokedFunctions(): InvokedFunctions {
    return this.views.invokedFunctions;
  }

  /** Is `file`'s export `name` a handler a template wires to a redelivered source? */
  isEventWired(file: string, name: string): boolean {
    return this.wiring.isEventWired(file, name);
  }

  /** Is `file`'s export `name` invoked with nobody reading its answer (a schedule, an asynchronous source, a task)? */
  isAnswerUnread(file: string, name: string): boolean {
    return this.wiring.isAnswerUnread(file, name);
  }

  /** Is `file`'s export `name` a handler a template wires to an HTTP route? */
  isRouted(file: string, name: string): boolean {
    return this.wiring.isRouted(file, name);
  }

  /** Is `file`'s export `name` a handler whose event source is configured with BatchSize 1? */
  isBatchOne(file: string, name: string): boolean {
    return this.batchOne.has(file, name);
  }

  /**
   * The batch API answer an imported function hands back unread. A deferred module is analysed for it
   * only when its text sends a batch API at all.
   */
  importBatchResult({
    ref,
    method,
  }: {
    ref: ImportRef;
    method?: string;
  }): { what: string; field: string } | undefined {
    if (this.deferred.size === 0 && !this.names.mayBe('batch', ref.name)) return undefined;
    const target = this.resolveModule(ref.from, ref.source);
    if (target === undefined) return undefined;
    const source = this.deferred.get(target);
    if (source !== undefined && !mayBatch(source)) return undefined;
    const fact = this.exportFact(target, ref.name);
    return method === undefined ? fact?.batchResult : fact?.batchMethods?.[method];
  }

  /** SDK client options imported from the project (projectOptions.ts). */
  optionsUnread(c: Candidate): string | undefined {
    return optionsUnread(this, c);
  }

  /** What importing modules do with each export (built on first use; projectViews.ts). */
  get importerUses(): ImporterUses {
    return this.views.importerUses;
  }
  /** Which handlers that receive an event reach each module (projectViews.ts). */
  get eventCallers(): EventCallers {
    return this.views.eventCallers;
  }
  /** Imported functions whose falsy answer a caller turns into a deny (projectViews.ts). */
  get authGates(): readonly ImportRef[] {
    return this.views.authGates;
  }
  /** Imported functions that map an error to a 401/403 (projectViews.ts). */
  get authErrorMaps(): readonly ImportRef[] {
    return this.views.authErrorMaps;
  }
  /** Every client of `kind` the project builds, and whether it sets a timeout (projectViews.ts). */
  clientBuilds(kind: ProjectClient): readonly ClientBuild[] {
    return this.views.clientBuilds(kind);
  }

  /** Every module file of the project, analysed or deferred. */
  get files(): IterableIterator<string> {
    return this.modules.keys();
  }

  /** Keeps a candidate unless another file settles it (keepCandidate.ts). */
  keep(file: string, c: Candidate): boolean {
    return keepCandidate(this, file, c);
  }
}
