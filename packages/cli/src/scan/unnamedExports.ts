// An outbound finding (a request with no timeout, a retry with no jitter or no bound, a fan-out or insert
// that fails part-way) matters only if something makes that request; a swallowed error only if some caller
// depends on the value or the work it hides. In a shared module it is reached
// through its exports; when the project imports the module, yet no importer names any export that reaches
// the finding (it imports the module for something else), nothing calls that code: dead code a reviewer
// deletes rather than hardens. Judged only where the package's handler graph is known (scriptCallers.ts), so a
// library whose callers live outside the scan keeps its findings.

import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';
import { packageDir } from './scriptCallers.js';

/** The rules judged so: each is about a call made at run time, nothing a caller could act on if never made. */
export const RUN_TIME_RULES: ReadonlySet<string> = new Set([
  'http-no-timeout',
  'sdk-client-no-timeout',
  'retry-no-jitter',
  'retry-unbounded',
  'promise-all-no-partial',
  'insert-no-upsert',
  // A failure hidden in code nothing calls hides nothing: no caller waits on the value or the work.
  'swallowed-error',
]);

/**
 * Does `c` sit behind exports of `file` that the project's modules import it for, yet never name?
 *
 * @example
 * unnamedExport(project, '/app/lib/mail.js', c) // true: c.reachedThrough ['sendInvite'], importers call only sendReceipt
 */
export function unnamedExport(project: Project, file: string, c: Candidate): boolean {
  const names = c.reachedThrough;
  if (names === undefined || names.length === 0 || !RUN_TIME_RULES.has(c.rule)) return false;
  const root = project.rootDir;
  if (root === undefined) return false;
  const uses = project.importerUses;
  if (!uses.knowsHandlersUnder(packageDir(file, root)) || uses.onHandlerPath(file, names)) return false;
  return project.eventCallers.importedUnnamed(file, names);
}
