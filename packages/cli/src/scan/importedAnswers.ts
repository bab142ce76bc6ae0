// Conditions on what an imported function answers: a failure as a value, null for its errors, a constant
// 2xx whatever it is handed, an answer to every error, or one fixed HTTP status (rules/silentBuilderAnswer.ts).
// Each is settled by the imported module's ExportFact; apart from keepCandidate.ts as one concept.
import type { Candidate } from './js/Candidate.js';
import { answersSuccess } from './js/rules/successStatus.js';
import type { Project } from './project.js';

/**
 * True when a condition the candidate puts on an imported function's answer does not hold.
 *
 * @example
 * importedAnswersUnmet(project, { onlyIfImportNullOnError: ref }) // true unless ref's function answers errors with null
 */
export function importedAnswersUnmet(project: Project, c: Candidate): boolean {
  if (c.onlyIfImportFailureValue !== undefined) {
    const ref = c.onlyIfImportFailureValue;
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined || project.exportFact(target, ref.name)?.failureValue !== true) return true;
  }
  if (c.onlyIfImportNullOnError !== undefined) {
    const ref = c.onlyIfImportNullOnError;
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined || project.exportFact(target, ref.name)?.nullOnError !== true) return true;
  }
  if (c.onlyIfImportSuccessAnswer !== undefined) {
    const ref = c.onlyIfImportSuccessAnswer;
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined || !answersSuccess(project.exportFact(target, ref.name), ref.args)) return true;
  }
  if (c.onlyIfImportAnswersErrors !== undefined) {
    const ref = c.onlyIfImportAnswersErrors;
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined || project.exportFact(target, ref.name)?.answersErrors !== true) return true;
  }
  if (c.onlyIfImportFixedStatus !== undefined) {
    const ref = c.onlyIfImportFixedStatus;
    const target = project.resolveModule(ref.from, ref.source);
    const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
    const status = ref.method === undefined ? fact?.fixedStatus : fact?.fixedStatusMethods?.[ref.method];
    // A fixed 5xx tells the caller it failed (and API Gateway counts it): only a 2xx-4xx hides the failure.
    if (status === undefined || status >= 500) return true;
  }
  return false;
}
