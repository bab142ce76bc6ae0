// Whether an HTTP client handed in from elsewhere is bounded, for the libraries whose clients a project
// builds in one place and hands to the code that sends requests:
// - Octokit (rules/octokitClients.ts): a factory (`createOctokitClient(token)`) builds the clients, and the
//   bound of a parameter typed `Octokit` is decided by what it passes;
// - NestJS's `HttpService` (rules/nestHttp.ts): injected into services, configured where a module imports
//   `HttpModule` or `HttpModule.register({ timeout })`.
// The clients built in the caller's own package answer; a package that builds none takes them from a shared
// one, so then every client the project builds answers. Kept only when some are built and none may carry a
// request timeout.
import type { ProjectClient } from './js/ModuleFacts.js';
import type { Project } from './project.js';
import { packageDir } from './scriptCallers.js';

/** A module that builds clients of one library, and whether one of them may be bounded. */
export interface ClientBuild {
  readonly file: string;
  readonly verdict: 'timed' | 'untimed';
}

/**
 * Do the clients of `kind` that `file` can be handed all lack a request timeout?
 * @example
 * projectClientsUntimed(project, '/r/control-plane/src/scale-runners/github-runner.ts', 'octokit') // true: auth.ts builds `new CustomOctokit({ auth })`
 */
export function projectClientsUntimed(project: Project, file: string, kind: ProjectClient): boolean {
  const builds = project.clientBuilds(kind);
  const root = project.rootDir;
  const dir = root === undefined ? undefined : packageDir(file, root);
  const own = dir === undefined ? [] : builds.filter((b) => b.file.startsWith(dir));
  const judged = own.length > 0 ? own : builds;
  return judged.length > 0 && judged.every((b) => b.verdict === 'untimed');
}
