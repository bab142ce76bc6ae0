// Conditions on what an imported function answers: a failure as a value, null for its errors, a constant
// 2xx whatever it is handed, an answer to every error, or one fixed HTTP status (rules/silentBuilderAnswer.ts).
// Each is settled by the imported module's ExportFact; apart from keepCandidate.ts as one concept.
import type { Candidate } from './js/Candidate.js';
import { answersSuccess } from './js/rules/successStatus.js';
import { ownEntry } from './ownEntry.js';
import type { Project } from './project.js';

/**
 * True when a condition the candidate puts on an imported function's answer does not hold.
 *
 * @example
 * importedAnswersUnmet(project, { onlyIfImportNullOnError: ref }) // true unless ref's function answers errors with null
 */
export function importedAnswersUnmet(project: Project, c: Candidate): boolean {
  // The fact behind the imported name; undefined when the module or the export is not found, which meets none.
  const factOf = (ref: { readonly from: string; readonly source: string; readonly name: string }) => {
    const target = project.resolveModule(ref.from, ref.source);
    return target === undefined ? undefined : project.exportFact(target, ref.name);
  };
  if (c.onlyIfImportFailureValue !== undefined && factOf(c.onlyIfImportFailureValue)?.failureValue !== true)
    return true;
  if (c.onlyIfImportNullOnError !== undefined && factOf(c.onlyIfImportNullOnError)?.nullOnError !== true)
    return true;
  if (
    c.onlyIfImportSuccessAnswer !== undefined &&
    !answersSuccess(factOf(c.onlyIfImportSuccessAnswer), c.onlyIfImportSuccessAnswer.args)
  )
    return true;
  if (
    c.onlyIfImportAnswersErrors !== undefined &&
    factOf(c.onlyIfImportAnswersErrors)?.answersErrors !== true
  )
    return true;
  if (c.onlyIfImportFixedStatus !== undefined) {
    const ref = c.onlyIfImportFixedStatus;
    const fact = factOf(ref);
    const status =
      ref.method === undefined ? fact?.fixedStatus : ownEntry(fact?.fixedStatusMethods, ref.method);
    // A fixed 5xx tells the caller it failed (and API Gateway counts it): only a 2xx-4xx hides the failure.
    if (status === undefined || status >= 500) return true;
  }
  return false;
}
