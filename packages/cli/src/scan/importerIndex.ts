// The reverse import graph (which modules import a file, directly or through barrels): built once per scan, apart from how eventCallers.ts judges the callers it finds.

import type { CallerLookup } from './callerLookup.js';
import { commonJsPassedSources, importSources, reExportSources } from './callerText.js';

export class ImporterIndex {
  private readonly lookup: CallerLookup;
  /** target file -> modules importing it, and the subset re-exporting it (barrels). */
  private importers: Map<string, Set<string>> | undefined;
  private readonly barrels = new Map<string, Set<string>>();
  /** Importers, asked again for other candidates of the same module. */
  private readonly importerCache = new Map<string, ReadonlySet<string>>();

  constructor(lookup: CallerLookup) {
    this.lookup = lookup;
  }

  private index(): Map<string, Set<string>> {
    if (this.importers !== undefined) return this.importers;
    const importers = new Map<string, Set<string>>();
    const add = (map: Map<string, Set<string>>, target: string, file: string) => {
      const set = map.get(target);
      if (set === undefined) map.set(target, new Set([file]));
      else set.add(file);
    };
    const note = (file: string, sources: Iterable<string>, reExports: Iterable<string>) => {
      for (const source of sources) {
        const target = this.lookup.resolve(file, source);
        if (target !== undefined && target !== file) add(importers, target, file);
      }
      for (const source of reExports) {
        const target = this.lookup.resolve(file, source);
        if (target !== undefined && target !== file) add(this.barrels, target, file);
      }
    };
    for (const m of this.lookup.modules()) {
      // A deferred module's facts are empty until analysed: its text says what it imports.
      const text = this.lookup.deferred.get(m.file);
      if (text === undefined)
        note(
          m.file,
          m.importSources ?? [],
          m.reExports.map((r) => r.source),
        );
      // Its CommonJS barrel keys too, as reExports.ts reads them from an analysed module's syntax (the same on
      // the common forms; the text reads more on rare ones, see commonJsPassedSources).
      else note(m.file, importSources(text), [...reExportSources(text), ...commonJsPassedSources(text)]);
    }
    this.importers = importers;
    return importers;
  }

  /** Barrels re-exporting `file`, directly or through other barrels. */
  barrelsOf(file: string): Set<string> {
    this.index();
    const out = new Set<string>();
    const queue = [file];
    while (queue.length > 0)
      for (const barrel of this.barrels.get(queue.pop() as string) ?? [])
        if (!out.has(barrel) && barrel !== file) {
          out.add(barrel);
          queue.push(barrel);
        }
    return out;
  }

  /** Modules importing `file` directly or through barrels re-exporting it. */
  importersOf(file: string): Set<string> {
    const cached = this.importerCache.get(file);
    if (cached !== undefined) return new Set(cached);
    const importers = this.index();
    const out = new Set<string>();
    const queue = [file];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const target = queue.pop() as string;
      for (const f of importers.get(target) ?? []) out.add(f);
      for (const barrel of this.barrels.get(target) ?? [])
        if (!seen.has(barrel)) {
          seen.add(barrel);
          queue.push(barrel);
        }
    }
    out.delete(file);
    this.importerCache.set(file, out);
    return new Set(out);
  }
}
