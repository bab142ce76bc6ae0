// `npm run docs:api`: the API reference, generated from the doc comments with typedoc into docs/api/
// (git-ignored), then every link in it checked. typedoc needs TypeScript's JavaScript compiler API, which
// TypeScript 7 does not have: it runs from scripts/apidocs/, a small package outside the workspaces with
// its own lockfile and TypeScript 6, installed here on first use.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const tool = join(root, 'scripts', 'apidocs');
const out = join(root, 'docs', 'api');

/** Relative links in the generated HTML that point at no file, or at no id in that file. */
export function brokenLinks(dir: string): string[] {
  const pages = listHtml(dir);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let set = ids.get(file);
    if (set === undefined) {
      set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
      ids.set(file, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const link = (match[1] as string).replaceAll('&amp;', '&');
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue; // https:, mailto:, data: ...
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      if (!existsSync(target)) broken.push(`${relative(dir, page)}: ${link} (no such file)`);
      else if (
        anchor !== undefined &&
        anchor !== '' &&
        target.endsWith('.html') &&
        !idsOf(target).has(anchor)
      ) {
        broken.push(`${relative(dir, page)}: ${link} (no such anchor)`);
      }
    }
  }
  return broken;
}

function listHtml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function main(): void {
  if (!existsSync(join(tool, 'node_modules', 'typedoc'))) {
    process.stdout.write('installing typedoc and TypeScript 6 into scripts/apidocs (once)\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: tool, stdio: 'inherit' });
  }
  // Fails on an unresolvable {@link} (validation.invalidLink, warnings are errors).
  try {
    execFileSync(
      process.execPath,
      [join(tool, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--options', 'typedoc.json'],
      { cwd: tool, stdio: 'inherit' },
    );
  } catch {
    process.stderr.write('typedoc failed (its messages are above): no API reference written\n');
    process.exit(1);
  }
  const pages = listHtml(out).length;
  const broken = brokenLinks(out);
  if (broken.length > 0) {
    process.stderr.write(`${broken.length} broken links in docs/api:\n${broken.slice(0, 50).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `API reference: ${relative(process.cwd(), join(out, 'index.html'))} (${pages} pages, no broken link)\n`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
