// Project views gathered lazily from every module on first use; kept apart from project.ts's import resolution.

import { EventCallers } from './eventCallers.js';
import { type GatherSources, gathered, mayHoldAuthErrorMap, mayHoldAuthGate } from './gatheredFacts.js';
import { ImporterUses } from './importerUses.js';
import { InvokedFunctions } from './invokedFunctions.js';
import type { ImportRef, ModuleFacts } from './js/Candidate.js';
import type { ProjectClient } from './js/ModuleFacts.js';
import { mayBuildGoogleApi } from './js/rules/googleTypedParams.js';
import { mayBuildNestHttp } from './js/rules/nestHttp.js';
import { mayBuildOctokit } from './js/rules/octokitClients.js';
import type { ClientBuild } from './projectClients.js';
import { readSource } from './readSource.js';

/** What the views ask of the project: its modules, deferred sources, facts and import resolution. */
export interface ProjectViewSources {
  readonly modules: () => IterableIterator<ModuleFacts>;
  readonly deferred: Map<string, string>;
  readonly factsOf: (file: string) => ModuleFacts | undefined;
  readonly resolve: (from: string, source: string) => string | undefined;
  /** Is `file`'s export `name` a handler a template wires to a schedule? */
  readonly scheduled?: (file: string, name: string) => boolean;
  /** Is `file`'s export `name` a handler a template wires to an HTTP route? */
  readonly routed?: (file: string, name: string) => boolean;
  /** Is `file`'s export `name` a handler whose invoker reads no answer? */
  readonly unread?: (file: string, name: string) => boolean;
}

/** Can a module's text build clients of the kind (the deferred modules worth analysing for it)? */
const MAY_BUILD: Record<ProjectClient, (text: string) => boolean> = {
  octokit: mayBuildOctokit,
  'nest-http': mayBuildNestHttp,
  'google-api': mayBuildGoogleApi,
};

export class ProjectViews {
  private readonly src: ProjectViewSources;

  constructor(src: ProjectViewSources) {
    this.src = src;
  }

  /** What importers do with each module's exports (importerUses.ts), gathered on first use. */
  private uses: ImporterUses | undefined;

  /** Takes in a module analysed after the views' first question, as if it counted from the start. */
  noteSettled(m: ModuleFacts): void {
    this.uses?.add(m);
  }

  get importerUses(): ImporterUses {
    this.uses ??= new ImporterUses(
      this.src.modules(),
      (from, source) => this.src.resolve(from, source),
      (file) => this.src.factsOf(file),
      this.src.deferred,
    );
    return this.uses;
  }

  private invoked: InvokedFunctions | undefined;

  /** Which serverless.ts definitions the project's code invokes asynchronously (invokedFunctions.ts). */
  get invokedFunctions(): InvokedFunctions {
    this.invoked ??= new InvokedFunctions({
      modules: () => this.src.modules(),
      resolve: (from, source) => this.src.resolve(from, source),
      factsOf: (file) => this.src.factsOf(file),
    });
    return this.invoked;
  }

  private callers: EventCallers | undefined;

  /** Which handlers reach a shared module's requests (eventCallers.ts), indexed on first use. */
  get eventCallers(): EventCallers {
    this.callers ??= new EventCallers({
      modules: () => this.src.modules(),
      deferred: this.src.deferred,
      factsOf: (file) => this.src.factsOf(file),
      resolve: (from, source) => this.src.resolve(from, source),
      read: (file) => readSource(file),
      ...(this.src.scheduled !== undefined ? { scheduled: this.src.scheduled } : {}),
      ...(this.src.routed !== undefined ? { routed: this.src.routed } : {}),
      ...(this.src.unread !== undefined ? { unread: this.src.unread } : {}),
    });
    return this.callers;
  }

  private gateRefs: ImportRef[] | undefined;

  /** Every module's imports it answers 401/403 on when falsy (rules/authAcrossModules.ts), gathered once. */
  get authGates(): readonly ImportRef[] {
    this.gateRefs ??= gathered(this.gatherSources(), mayHoldAuthGate, (m) => m.authGates ?? []);
    return this.gateRefs;
  }

  private errorMapRefs: ImportRef[] | undefined;

  /** Every module's imported error classes it answers 401/403 for by class (rules/authErrorClasses.ts). */
  get authErrorMaps(): readonly ImportRef[] {
    this.errorMapRefs ??= gathered(this.gatherSources(), mayHoldAuthErrorMap, (m) => m.authErrorMaps ?? []);
    return this.errorMapRefs;
  }

  private readonly clientVerdicts = new Map<ProjectClient, ClientBuild[]>();

  /** Every module building clients of `kind`, and whether one may be bounded (projectClients.ts), gathered once. */
  clientBuilds(kind: ProjectClient): readonly ClientBuild[] {
    let builds = this.clientVerdicts.get(kind);
    if (builds === undefined) {
      builds = gathered(this.gatherSources(), MAY_BUILD[kind], (m) => {
        const verdict = m.clientBuilds?.[kind];
        return verdict !== undefined ? [{ file: m.file, verdict }] : [];
      });
      this.clientVerdicts.set(kind, builds);
    }
    return builds;
  }

  private gatherSources(): GatherSources {
    return {
      deferred: this.src.deferred,
      factsOf: (f) => this.src.factsOf(f),
      modules: () => this.src.modules(),
    };
  }
}
