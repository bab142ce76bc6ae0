// swallowed-error's "errors as values" judgement across modules (js/rules/errorValues.ts): a function that
// hands its caught error back as its result hides the failure only if a caller drops that result. The
// callers that await and drop it are gathered from every analysed module (importerUses.ts); a module the
// rule gate deferred is analysed here only when its text awaits a call of one of the names.

import { dropKeys } from './dropKeys.js';
import { escapeRegExp } from './escapeRegExp.js';
import type { ModuleFacts } from './js/Candidate.js';
import { TYPE_ARGUMENTS } from './typeArguments.js';

/** What the project pass offers: module facts (analysing a deferred module) and import resolution. */
export interface ModuleLookup {
  factsOf(file: string): ModuleFacts | undefined;
  resolveModule(from: string, source: string): string | undefined;
}

/** Does an analysed module (this one, or one importing `file`) await and drop a call of these names? */
export interface DropIndex {
  dropped(file: string, names: readonly string[]): boolean;
}

/**
 * Is the result of one of `names` (defined in `file`) dropped by some caller?
 *
 * @example
 * resultDropped(project, uses, deferred, '/app/db.ts', ['markDone']) // true when job.ts has `await this.db.markDone(ids);`
 */
export function resultDropped(
  lookup: ModuleLookup,
  index: DropIndex,
  deferred: ReadonlyMap<string, string>,
  file: string,
  names: readonly string[],
): boolean {
  if (index.dropped(file, names)) return true;
  // An exported object's method (`default.send`) is spelled `mailer.send(` in the caller's text.
  const spelled = names.map((n) => escapeRegExp(n.replace(/^default\./, '')));
  const awaited = new RegExp(`\\bawait\\s+[\\w$.?]*\\b(?:${spelled.join('|')})\\s*${TYPE_ARGUMENTS}\\(`);
  const candidates = [...deferred].filter(([, source]) => awaited.test(source)).map(([f]) => f);
  for (const other of candidates) {
    const facts = lookup.factsOf(other);
    if (facts === undefined) continue;
    const keys = dropKeys(facts, (from, source) => lookup.resolveModule(from, source));
    if (names.some((n) => keys.includes(`${file}#${n}`))) return true;
  }
  return false;
}
