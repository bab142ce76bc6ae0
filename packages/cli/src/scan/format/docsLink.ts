// Where a rule's documentation lives: docs/scan.md in the project's GitHub repository, one anchor per rule
// (its `### <id>` heading). SARIF's helpUri and the playbook link there, so a reader of an alert can find
// what the rule reports and what it leaves alone.

/**
 * The `repository.url` of @bulwark/cli's package.json (a test holds it to package.json); undefined when the
 * package names no repository.
 * @example
 * scanDocsUrl(REPOSITORY_URL);
 */
export const REPOSITORY_URL: string | undefined = 'git+https://github.com/bulwark-dev/bulwark.git';

/**
 * docs/scan.md on the default branch of a GitHub repository, from a package.json `repository.url`
 * (`git+https://github.com/o/r.git`, `https://github.com/o/r`, `git@github.com:o/r.git`, `github:o/r`);
 * undefined for anything else, since only a GitHub address gives a page with rule anchors.
 * @example
 * scanDocsUrl('git+https://github.com/acme/app.git'); // 'https://github.com/acme/app/blob/main/docs/scan.md'
 */
export function scanDocsUrl(repositoryUrl: string | undefined): string | undefined {
  const match =
    /^(?:git\+)?(?:https:\/\/github\.com\/|git@github\.com:|github:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      repositoryUrl ?? '',
    );
  if (match === null) return undefined;
  return `https://github.com/${match[1]}/${match[2]}/blob/main/docs/scan.md`;
}

/**
 * docs/scan.md of this project, or undefined when package.json names no GitHub repository.
 * @example
 * if (SCAN_DOCS_URL !== undefined) console.log(`Rules: ${SCAN_DOCS_URL}`);
 */
export const SCAN_DOCS_URL: string | undefined = scanDocsUrl(REPOSITORY_URL);

/**
 * The anchor of one rule in `docsUrl` (its `### <id>` heading), or undefined with no docs address.
 * @example
 * ruleDocsUrl('http-no-timeout', SCAN_DOCS_URL); // '.../docs/scan.md#http-no-timeout'
 */
export function ruleDocsUrl(id: string, docsUrl: string | undefined): string | undefined {
  return docsUrl === undefined ? undefined : `${docsUrl}#${id}`;
}
