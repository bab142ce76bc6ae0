// A catch in a class method whose answer (null, false) every caller tests and fails on is not a swallow:
// the caller decides the failure (js/instanceCalls.ts reads both sides). Callers of a method are found by
// its name, so it is settled only when every other module of the project, and every importer, that reads
// a member of that name is one whose calls were read: an instance handed around and called elsewhere keeps it.

import { escapeRegExp } from './escapeRegExp.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { projectModules } from './unnamedMethods.js';

/**
 * Do the callers of the function (or method) around `c` decide its failure answer (`c.unlessCallersRead`)?
 *
 * @example callersDecide(project, '/app/src/account.service.js', c) // true: every caller answers 500 on null
 */
export function callersDecide(project: Project, file: string, c: Candidate): boolean {
  const names = c.unlessCallersRead;
  if (names === undefined || !project.importerUses.callersRead(file, names, c.callersReadAs)) return false;
  if (c.callersReadAs?.method !== true) return true;
  for (const name of names) {
    const read = project.importerUses.callersOf(file, name);
    // A member read (`svc.create`), as instanceCalls.ts counts them: a bare word is no call of a method.
    const word = new RegExp(`\\.\\s*${escapeRegExp(name)}(?![\\w$])`);
    // Or taken out of the instance by destructuring (`const { create } = AccountsService()`): called by a
    // bare name the importers' reading does not see as the method.
    const taken = new RegExp(`\\{[^{}]*(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])[^{}]*\\}\\s*=(?!=)`);
    // Any module of the project: a caller in another package may reach the instance through a module in
    // between (`services.accounts.create(...)`), which neither the package nor the class's importers show.
    for (const m of projectModules(project))
      if (
        m.file !== file &&
        m.words.has(name) &&
        (taken.test(m.text) || (!read.has(m.file) && word.test(m.text)))
      )
        return false;
    for (const importer of project.eventCallers.importersOf(file)) {
      if (read.has(importer)) continue;
      const text = project.deferred.get(importer) ?? readSource(importer);
      if (text === undefined || word.test(text) || taken.test(text)) return false;
    }
  }
  return true;
}
