// Settles a request on an Octokit client another project module hands out (js/clientProvenance.ts): the
// exported factory or getter's fact says what it returns, a construction or a further import (a getter in
// gh-runners.ts memoising `createOctoClient()` of gh-auth.ts), followed until a construction answers.
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/** A module that can hand out an Octokit: only such deferred modules are analysed for the question. */
const mayHandOctokit = (text: string): boolean => text.includes('ctokit');

const MAX_HOPS = 6;

/**
 * Does one of these imports end in an Octokit built with no request timeout?
 * @example
 * importedOctokitUntimed(project, [{ from: '/r/gh-issues.ts', source: './gh-runners', name: 'createGitHubClientForRunnerRepo' }]) // true
 */
export function importedOctokitUntimed(project: Project, refs: readonly ImportRef[], hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  return refs.some((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    const fact =
      target === undefined
        ? undefined
        : project.exportFactWhere(target, ref.name, mayHandOctokit)?.octokitReturn;
    if (fact === undefined) return false;
    return 'timed' in fact ? !fact.timed : importedOctokitUntimed(project, fact.via, hops + 1);
  });
}
