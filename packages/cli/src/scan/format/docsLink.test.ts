// Rule links point at docs/scan.md in the repository package.json names, and only a GitHub address makes one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL, ruleDocsUrl, SCAN_DOCS_URL, scanDocsUrl } from './docsLink.js';

describe('docs links', () => {
  it('uses the repository URL of package.json', () => {
    // Prepare
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
      repository?: { url?: string };
    };

    // Assess
    expect(REPOSITORY_URL).toBe(pkg.repository?.url);
    expect(SCAN_DOCS_URL).toBe('https://github.com/bulwark-dev/bulwark/blob/main/docs/scan.md');
    expect(ruleDocsUrl('http-no-timeout', SCAN_DOCS_URL)).toBe(`${SCAN_DOCS_URL}#http-no-timeout`);
  });

  it.each([
    'git+https://github.com/acme/app.git',
    'https://github.com/acme/app',
    'https://github.com/acme/app/',
    'git@github.com:acme/app.git',
    'github:acme/app',
  ])('reads %s as a GitHub repository', (url) => {
    // Act
    const docs = scanDocsUrl(url);

    // Assess
    expect(docs).toBe('https://github.com/acme/app/blob/main/docs/scan.md');
  });

  it('gives no docs address, and so no rule link, for a repository not on GitHub or none', () => {
    // Act
    const gitlab = scanDocsUrl('git+https://gitlab.com/acme/app.git');
    const none = scanDocsUrl(undefined);

    // Assess
    expect(gitlab).toBeUndefined();
    expect(none).toBeUndefined();
    expect(ruleDocsUrl('http-no-timeout', undefined)).toBeUndefined();
  });
});
