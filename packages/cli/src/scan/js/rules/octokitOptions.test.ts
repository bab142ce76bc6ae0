// Which Octokit calls untimedApiClients reports by their own options: a call's parameters spread from a
// shared object are read through the spread, so one without `request` is as untimed as a literal.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { untimedApiClients } from './apiClients.js';

/** The lines untimedApiClients reports in `body` (after the import and client lines). */
function reported(body: string): number[] {
  const source = `import { Octokit } from '@octokit/rest';\nconst octokit = new Octokit({ auth: token });\n${body}`;
  const ctx = contextOf(source);
  const lines: number[] = [];
  untimedApiClients(ctx, (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

describe('untimedApiClients on Octokit call options', () => {
  it.each([
    [
      'a spread of a shared owner/repo pair',
      "const repoData = { owner: 'o', repo: 'r' };\nawait octokit.repos.getContent({ ...repoData, path });",
    ],
    [
      'a spread beside `.rest`',
      "const repoData = { owner: 'o', repo: 'r' };\nawait octokit.rest.repos.getContent({ ...repoData, path });",
    ],
    [
      "a spread of a parameter of the project's own type (route parameters)",
      'interface Repo { owner: string; repo: string }\nexport const get = (repo: Repo) => octokit.repos.getContent({ ...repo, path });',
    ],
  ])('reports %s', (_name, body) => {
    // Act
    const lines = reported(body);

    // Assess
    expect(lines).toEqual([4]);
  });

  it.each([
    [
      'a spread that carries `request`',
      "const base = { owner: 'o', request: { signal } };\nawait octokit.repos.getContent({ ...base, path });",
    ],
    [
      'a spread of a parameter (the caller may bound it)',
      'export const get = (p) => octokit.repos.getContent({ ...p, path });',
    ],
    [
      'a spread of a parameter whose type may carry `request`',
      'interface Params { owner: string; request?: object }\nexport const get = (p: Params) => octokit.repos.getContent({ ...p, path });',
    ],
    [
      'a spread of a parameter whose type inherits `request` (extends a package type)',
      "import type { RequestParameters } from '@octokit/types';\ninterface Params extends RequestParameters { owner: string }\nexport const get = (p: Params) => octokit.repos.getContent({ ...p, path });",
    ],
    [
      'a spread of a parameter whose interface is merged with one declaring `request`',
      'interface Params { owner: string }\ninterface Params { request?: object }\nexport const get = (p: Params) => octokit.repos.getContent({ ...p, path });',
    ],
  ])('stays silent on %s', (_name, body) => {
    expect(reported(body)).toEqual([]);
  });
});
