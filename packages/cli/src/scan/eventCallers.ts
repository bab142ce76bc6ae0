// Which handlers reach code in a module with no handler of its own (a shared API client class, a data
// layer, an event publisher). `no-retry` keeps a request there only when some handler given an event
// reaches it, or when the scan cannot tell: a handler that selects its own work each run (a scheduled job:
// js/rules/catchExemptions.ts selectsOwnWork) needs no retry, its next run is the retry; swallowed-error judges a
// helper's catch the same way. `random-id-nondeterministic` keeps a random key there only when a retried
// consumer reaches it. Callers are found by the called name in the modules importing the shared one (through
// barrels, through the interfaces its class implements, and through a module that builds its class's instance
// and hands it on: handedInstances.ts), then followed up the import graph to the
// handler modules, a few modules deep.

import type { CallerLookup, SharedRequest } from './callerLookup.js';
import { callsName, localNames, mentions, reExportedAs } from './callerText.js';
import { escapeRegExp } from './escapeRegExp.js';
import { buildsInstance, callsMethod } from './handedInstances.js';
import { handlerExportsReaching } from './handlerExportReach.js';
import { handlersAbove } from './handlersAbove.js';
import { importedUnnamed } from './importedUnnamed.js';
import { ImporterIndex } from './importerIndex.js';
import { interfaceAncestors } from './interfaceAncestors.js';
import type { ModuleFacts } from './js/Candidate.js';
import { redeliveredHandler } from './js/ModuleFacts.js';
import { onlyWhenAbsent } from './lookupGuard.js';
import { type BarrelGraph, heldKeys, keyCallers } from './objectBarrels.js';
import { ownEntry } from './ownEntry.js';
import { queueAdapted } from './queueAdapterHandler.js';
import { isScriptFile } from './scriptFiles.js';
import { WholeSources } from './wholeSources.js';

/** Modules followed up from a caller towards its handlers. */
const DEPTH = 3;
// A strict lookup reads an unfinished search as no handler, so it goes further: a GraphQL resolver's helper
// sits six modules below its Lambda (helper, resolver, resolver indexes, schema, handler).
const STRICT_DEPTH = 6;

export class EventCallers {
  private readonly lookup: CallerLookup;
  private readonly graph: ImporterIndex;
  /** Callers' text, asked again for other candidates of the same module. */
  private readonly texts = new Map<string, string | undefined>();
  private readonly whole = new WholeSources(); // what each importer may call whole, read once

  private readonly barrelGraph: BarrelGraph = {
    importersOf: (file) => this.graph.importersOf(file),
    textOf: (file) => this.textOf(file),
    resolve: (from, source) => this.lookup.resolve(from, source),
  };

  constructor(lookup: CallerLookup) {
    this.lookup = lookup;
    this.graph = new ImporterIndex(lookup);
  }

  /**
   * Is a request made in `file` (reached by calling one of `names`) made for a handler given an event?
   * False when every caller leads only to handlers that select their own work, or when importers use the
   * method's class (`owner`) and none calls these names (a method nothing calls); true when the scan
   * cannot tell.
   * @example
   * callers.forEvent('/app/shared/ApiClient.ts', { names: ['fetchUnsanitised'], owner: 'ApiClient' }) // false: only the scheduled sanitiser calls it
   */
  forEvent(file: string, request: SharedRequest): boolean {
    if (request.names.length === 0) return request.strict !== true;
    const { callers, typeUsed, importers } = this.callersOf(file, request);
    // Imported by the service's code, yet called by none of it: its callers are the scripts and tests the
    // scan leaves out (js/../config.ts excludes `scripts/`), run by someone watching.
    if (request.scriptsOnly === true && callers.length === 0 && !typeUsed && importers > 0) return false;
    // Only a queue or stream redelivers: an asynchronous event (EventBridge, SNS, S3) gets Lambda's two
    // retries and is then dropped, as the rules judge a request in the consumer's own module.
    // no-retry (schedulesRetry) reads a handler typed as answering a request as no job, as in its own module,
    // unless templates hand every export to an invoker that reads no answer (an 'Event' invoke by its name).
    const job = (h: ModuleFacts) =>
      h.job === true && !(request.schedulesRetry === true && h.requestTyped === true && !this.unreadOnly(h));
    const given = (h: ModuleFacts) =>
      request.scriptsOnly === true ||
      ((!job(h) || (request.schedulesRetry === true && this.someRouted(h))) &&
        !(request.schedulesRetry === true && this.scheduledOnly(h)) &&
        !(request.consumersRetry === true && this.redeliveredFor(h, file, request.names)));
    for (const caller of callers) {
      const above = this.handlersAbove(caller, request.strict === true ? STRICT_DEPTH : DEPTH);
      // An operator's script that no handler reaches is off the service's path: not a caller that counts.
      if (above.complete && above.handlers.length === 0 && this.isScript(caller)) continue;
      if (request.strict === true) {
        if (above.handlers.some(given)) return true;
        continue;
      }
      if (!above.complete || above.handlers.length === 0 || above.handlers.some(given)) return true;
    }
    if (request.strict === true) return false;
    // Every caller is reached only from jobs; or code uses the class and none calls the method.
    return !(callers.length > 0 || typeUsed);
  }

  /**
   * Does a handler module that passes `test` (a redelivered consumer, say) reach the code in `file` that
   * callers reach by calling one of the request's names?
   * @example
   * callers.reachedBy('/app/lib/dataLayer.ts', { names: ['saveToVault'] }, (m) => m.consumer === true) // true
   */
  reachedBy(
    file: string,
    request: SharedRequest,
    test: (handler: ModuleFacts) => boolean,
    unlessCreateIfAbsent = false,
  ): boolean {
    if (request.names.length === 0) return false;
    return this.callersOf(file, request).callers.some((c) => {
      // A caller that writes only when its lookup found nothing does not write again on a retry.
      if (unlessCreateIfAbsent) {
        const text = this.textOf(c);
        if (
          text !== undefined &&
          onlyWhenAbsent(text, [...request.names, ...localNames(text, request.names)])
        )
          return false;
      }
      return this.handlersAbove(c).handlers.some(test);
    });
  }

  /**
   * Does a module calling one of the request's names pass `test` (it creates the client the request
   * is handed, say)?
   */
  someCaller(file: string, request: SharedRequest, test: (caller: ModuleFacts) => boolean): boolean {
    if (request.names.length === 0) return false;
    return this.callersOf(file, request).callers.some((c) => {
      const facts = this.lookup.factsOf(c);
      return facts !== undefined && test(facts);
    });
  }

  /**
   * Modules importing `file` (directly or through barrels) whose text names one of `names`, called or
   * handed on as a value (`fetcher: itemById`), under its own name or an import alias.
   * @example
   * callers.mentioning('/app/lib/requests.js', ['itemById']) // ['/app/bin/reindex.js']
   */
  mentioning(file: string, names: readonly string[]): string[] {
    // A default export is called under the importer's own name: every importer may be a caller.
    if (names.includes('default')) return [...this.graph.importersOf(file)];
    return [...this.graph.importersOf(file)].filter((f) => {
      const text = this.textOf(f);
      return text !== undefined && mentions(text, names);
    });
  }

  /** Project modules importing `file`, directly or through barrels (importerIndex.ts). */
  importersOf(file: string): Set<string> {
    return this.graph.importersOf(file);
  }

  /** Does some project module import `file` (directly or through a barrel re-exporting it)? */
  importedBy(file: string): boolean {
    return this.graph.importersOf(file).size > 0 || this.graph.barrelsOf(file).size > 0;
  }

  /** Imported by the project, yet for none of `names` (importedUnnamed.ts)? */
  importedUnnamed(file: string, names: readonly string[]): boolean {
    return importedUnnamed(
      {
        graph: this.graph,
        whole: this.whole,
        resolve: (from, source) => this.lookup.resolve(from, source),
        textOf: (f) => this.textOf(f),
      },
      file,
      names,
    );
  }

  /** Modules importing `file` (or an interface its class implements) that call one of the names. */
  private callersOf(
    file: string,
    { names, owner, interfaces = [] }: SharedRequest,
    depth = 0,
  ): { callers: string[]; typeUsed: boolean; importers: number } {
    const importers = this.graph.importersOf(file);
    // The interfaces the class implements, and those they extend: code typed by any of them may call it.
    const resolve = (from: string, source: string) => this.lookup.resolve(from, source);
    const declared = interfaces.flatMap(({ source, name }) => {
      const target = source === '' ? file : resolve(file, source);
      return target === undefined ? [] : [{ file: target, name }];
    });
    const answers = interfaceAncestors(declared, (f) => this.textOf(f), resolve);
    for (const i of answers)
      if (i.file !== file) for (const f of this.graph.importersOf(i.file)) if (f !== file) importers.add(f);
    // A method is called by code that names its class or an interface of it (a type, a constructor);
    // a module that only imports a barrel the class is in, for something else, is not its caller.
    const types = [
      ...(owner !== undefined ? [owner] : []),
      ...interfaces.map((i) => i.name),
      ...answers.map((i) => i.name),
    ];
    const namesType =
      types.length === 0
        ? undefined
        : new RegExp(`(?<![\\w$])(?:${types.map(escapeRegExp).join('|')})(?![\\w$])`);
    // A default export is called under the importer's own name: every importer may be a caller.
    const anyName = names.includes('default');
    const callers: string[] = [];
    let typeUsed = false;
    for (const caller of importers) {
      const text = this.textOf(caller);
      if (text === undefined) continue;
      if (namesType !== undefined) {
        if (!namesType.test(text)) continue;
        typeUsed = true;
      }
      // An importer may call it under a local name (`import { getClient as getTwitterClient }`), or
      // hand it on under an exported one (`export const getClient = getTwitterClient`): its callers then
      // call that name (one such hop).
      const local = [...names, ...localNames(text, names)];
      // An index holding the default export under a key calls nothing: its callers name the key.
      const keys = anyName ? heldKeys(text, (s) => this.lookup.resolve(caller, s) === file) : [];
      if (keys.length > 0) callers.push(...keyCallers(this.barrelGraph, caller, keys));
      else if (anyName || callsName(text, local)) callers.push(caller);
      else if (depth === 0 && owner !== undefined && buildsInstance(text, owner)) {
        // It builds an instance and hands it on: its importers call the method on what they are given.
        for (const up of this.graph.importersOf(caller)) {
          const upText = up === file ? undefined : this.textOf(up);
          if (upText !== undefined && callsMethod(upText, names)) callers.push(up);
        }
      } else if (depth === 0 && owner === undefined) {
        const passed = reExportedAs(text, local);
        if (passed.length > 0) callers.push(...this.callersOf(caller, { names: passed }, 1).callers);
      }
    }
    return { callers, typeUsed, importers: importers.size };
  }

  /**
   * Every handler the module exports is one whose invoker reads no answer, and none is routed: typed as an
   * API's (`APIGatewayProxyHandler`), it still answers no one.
   */
  private unreadOnly(h: ModuleFacts): boolean {
    const names = Object.keys(h.handlers ?? {});
    const unread = this.lookup.unread;
    return (
      unread !== undefined && names.length > 0 && names.every((n) => unread(h.file, n)) && !this.someRouted(h)
    );
  }

  /**
   * Every handler the module exports is one a template wires to a schedule: a job, even when its code
   * reads its event (echoes it into its answer, say), and its next run is the retry.
   */
  private scheduledOnly(h: ModuleFacts): boolean {
    const names = Object.keys(h.handlers ?? {});
    const scheduled = this.lookup.scheduled;
    return scheduled !== undefined && names.length > 0 && names.every((n) => scheduled(h.file, n));
  }

  /**
   * Is the request redelivered when this handler module reaches it: one of its exports consumes a queue or
   * stream batch, and every export that reaches the request (following values: handlerExportReach.ts) is
   * such a consumer. A sibling HTTP handler reaching it is retried by nobody. When no export is seen to
   * reach it (a handler built by a wrapper call), the module's word stands.
   */
  private redeliveredFor(h: ModuleFacts, file: string, names: readonly string[]): boolean {
    // An entry that takes its message through an SQS event adapter (queueAdapterHandler.ts), and nothing
    // routes it to HTTP or types it as answering a request: its one export is the consumer.
    const http = h.requestTyped === true || this.someRouted(h);
    if (!http && queueAdapted(this.textOf(h.file), Object.keys(h.handlers ?? {}).length)) return true;
    if (!redeliveredHandler(h)) return false;
    const reaching = handlerExportsReaching(this.lookup, h, file, names);
    return reaching.every((name) => ownEntry(h.handlers, name)?.redelivered === true);
  }

  /** Some handler the module exports is one a template wires to an HTTP route: a user waits on it. */
  private someRouted(h: ModuleFacts): boolean {
    const routed = this.lookup.routed;
    return routed !== undefined && Object.keys(h.handlers ?? {}).some((n) => routed(h.file, n));
  }

  private textOf(file: string): string | undefined {
    if (!this.texts.has(file)) this.texts.set(file, this.lookup.deferred.get(file) ?? this.lookup.read(file));
    return this.texts.get(file);
  }

  /** Is `file` a command-line script (scriptFiles.ts)? */
  private isScript(file: string): boolean {
    return isScriptFile(file, this.textOf(file));
  }

  /** The handler modules a module is reached from, up the import graph (handlersAbove.ts). */
  private handlersAbove(start: string, limit = DEPTH): { handlers: ModuleFacts[]; complete: boolean } {
    return handlersAbove(this.lookup, this.graph, (f) => this.textOf(f), start, limit);
  }
}
