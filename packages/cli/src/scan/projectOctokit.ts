// Whether an Octokit client handed in from another module is bounded (rules/octokitClients.ts): a project
// builds its Octokit clients in a factory (`createOctokitClient(token)`) and hands them to the code that calls
// GitHub, so the bound of a parameter typed `Octokit` is decided by what the factory passes. The clients built
// in the caller's own package answer; a package that builds none takes them from a shared one, so then every
// client the project builds answers. Kept only when some are built and none may carry a request timeout.
import type { Project } from './project.js';
import { packageDir } from './scriptCallers.js';

/** A module that builds Octokit clients, and whether one of them may be bounded. */
export interface OctokitBuild {
  readonly file: string;
  readonly verdict: 'timed' | 'untimed';
}

/**
 * Do the Octokit clients `file` can be handed all lack a request timeout?
 * @example
 * projectOctokitUntimed(project, '/r/control-plane/src/scale-runners/github-runner.ts') // true: auth.ts builds `new CustomOctokit({ auth })`
 */
export function projectOctokitUntimed(project: Project, file: string): boolean {
  const builds = project.octokitBuilds;
  const root = project.rootDir;
  const dir = root === undefined ? undefined : packageDir(file, root);
  const own = dir === undefined ? [] : builds.filter((b) => b.file.startsWith(dir));
  const judged = own.length > 0 ? own : builds;
  return judged.length > 0 && judged.every((b) => b.verdict === 'untimed');
}
