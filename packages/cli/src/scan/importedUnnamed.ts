// Whether a module the project imports is imported only for other exports than those reaching a finding
// (unnamedExports.ts drops the finding as dead code): read from its importers' and barrels' text.
// Split from eventCallers.ts, whose search for a shared module's callers it shares the text and graph of.

import { localNames, mentions } from './callerText.js';
import { defaultMembersOnly, defaultWholeSources } from './defaultWholeSources.js';
import type { ImporterIndex } from './importerIndex.js';
import { typeOnlyImport } from './typeOnlyImports.js';
import type { WholeSources } from './wholeSources.js';

/** What the reading needs of the caller search: its import graph, whole-use memo, resolver and texts. */
export interface ImporterTexts {
  readonly graph: ImporterIndex;
  readonly whole: WholeSources;
  readonly resolve: (from: string, source: string) => string | undefined;
  readonly textOf: (file: string) => string | undefined;
}

/**
 * Is `file` imported by the project, yet by no module that names one of `names` or re-exports it whole?
 * Then nothing in sight calls those exports. False when nothing imports `file` (an import the scan could
 * not resolve looks the same; an import of its types only is none) or for a default export (called under the
 * importer's own name).
 *
 * @example
 * importedUnnamed(texts, '/app/lib/mail.js', ['sendInvite']) // true: its importers call only sendReceipt
 */
export function importedUnnamed(texts: ImporterTexts, file: string, names: readonly string[]): boolean {
  if (names.length === 0 || names.includes('default')) return false;
  const own = texts.textOf(file);
  // An importer of its types alone loads none of its code (typeOnlyImports.ts): no importer at all. The answer
  // is a conjunction (some importer loads the code, no barrel renames, no loading importer names or uses it
  // whole), so it is read in the cheapest order: the type-only reading, which scans the importer's declarations,
  // is asked only of an importer that names or uses the module (would it count?) and, once, to know that some
  // importer loads the code at all. A shared module with hundreds of importers had every importer's
  // declarations read for every candidate in it (round 62's type-only imports).
  const direct = (f: string) => (source: string) => texts.resolve(f, source) === file;
  const loadsCode = (f: string, text: string | undefined) =>
    own === undefined || text === undefined || !typeOnlyImport(text, direct(f), own);
  const importers = texts.graph.importersOf(file);
  if (importers.size === 0) return false;
  // A barrel that renames (`export { default as sqsCollector } from`) hands importers another name.
  const barrels = texts.graph.barrelsOf(file);
  for (const barrel of barrels) {
    const text = texts.textOf(barrel);
    if (text === undefined || localNames(text, [...names, 'default']).length > 0) return false;
  }
  // Methods of the module's default object reach whoever the object is handed to (defaultWholeSources.ts).
  const viaDefault = own !== undefined && defaultMembersOnly(own, names);
  let loaded = false;
  for (const f of importers) {
    const text = texts.textOf(f);
    if (!namesNone(texts, f, text, names, viaDefault, file, barrels)) {
      if (loadsCode(f, text)) return false;
    } else if (!loaded) loaded = loadsCode(f, text);
  }
  return loaded;
}

/**
 * Does importer `f` (its text `text`) neither name one of `names` nor use `file`, or a barrel of it, whole?
 * An unreadable importer could do either.
 */
function namesNone(
  texts: ImporterTexts,
  f: string,
  text: string | undefined,
  names: readonly string[],
  viaDefault: boolean,
  file: string,
  barrels: ReadonlySet<string>,
): boolean {
  if (text === undefined || mentions(text, names)) return false;
  // A whole use of the module or of any barrel of it (`api[resource][action](body)` on a CommonJS index
  // that keeps it under a key) may call every export, as a namespace import of the module may.
  const whole = (source: string) => {
    const target = texts.resolve(f, source);
    return target === file || (target !== undefined && barrels.has(target));
  };
  if (texts.whole.of(f, text).some(whole)) return false;
  return !(viaDefault && defaultWholeSources(text).some(whole));
}
