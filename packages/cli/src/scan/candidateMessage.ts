// A candidate's message completed with what only the project pass knows: the remote behind an imported
// helper ({remote}), the words it rebrands ({words}), a batch answer ({batch}, {field}), unread options.
import { importRebrand, importRemote, verifierRemote } from './importedRemotes.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * `message` (the candidate's, perhaps already extended) with its project placeholders filled in, and
 * whether it names options in a module the scan could not read.
 */
export function projectMessage(
  project: Project,
  c: Candidate,
  message: string,
): { readonly message: string; readonly unread: boolean } {
  let out = message;
  if (c.onlyIfImportRemote !== undefined)
    out = out.replace('{remote}', importRemote(project, c.onlyIfImportRemote) ?? 'a verifier');
  const rebrand = c.onlyIfImportRebrands && importRebrand(project, c.onlyIfImportRebrands);
  if (rebrand) out = out.replace('{remote}', rebrand.remote).replace('{words}', rebrand.words);
  const batch = c.onlyIfImportBatchResult && project.importBatchResult(c.onlyIfImportBatchResult);
  if (batch) out = out.replace('{batch}', batch.what).replace('{field}', batch.field);
  if (c.onlyIfImportVerifier !== undefined)
    out = out.replace('{remote}', verifierRemote(project, c.onlyIfImportVerifier) ?? 'a verifier');
  const unread = c.onlyIfOptionsUntimed !== undefined ? project.optionsUnread(c) : undefined;
  if (unread !== undefined)
    out = `${out}, unless its options (${unread}, a module the scan could not read) set one`;
  return { message: out, unread: unread !== undefined };
}
