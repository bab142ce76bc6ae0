// The project pass's half of a batch handler's cross-module exemptions (js/rules/batchSingleHelpers.ts,
// js/rules/batchAnswerHelpers.ts): the handler's module named the imports, their modules' facts decide.
import type { Candidate, ImportRef } from './js/Candidate.js';
import type { ExportFact } from './js/ExportFact.js';
import type { Project } from './project.js';

/** Does some import's export, in a module whose text passes `mayHold`, hold the fact? */
function someImport(
  project: Project,
  refs: readonly ImportRef[] | undefined,
  mayHold: (text: string) => boolean,
  holds: (fact: ExportFact) => boolean,
): boolean {
  return (
    refs?.some((ref) => {
      const target = project.resolveModule(ref.from, ref.source);
      const fact = target === undefined ? undefined : project.exportFactWhere(target, ref.name, mayHold);
      return fact !== undefined && holds(fact);
    }) === true
  );
}

/**
 * True when the batch handler's records are settled in another module: a helper it hands them to refuses a
 * batch, or one whose call it returns builds `{ batchItemFailures }` from what it is handed.
 */
export function batchImportSettles(project: Project, c: Candidate): boolean {
  return (
    someImport(
      project,
      c.unlessImportRefusesBatch,
      (t) => t.includes('.length'),
      (f) => f.refusesBatch === true,
    ) ||
    someImport(
      project,
      c.unlessImportAnswersItems,
      (t) => t.includes('batchItemFailures'),
      (f) => f.answersItems === true,
    )
  );
}
