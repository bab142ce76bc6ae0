// Docs show code only from examples/: a `<!-- snippet: path -->` line names the file, and the fenced
// block after it must be that file's text. `npm run docs:sync` rewrites the blocks; a test checks them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');
const MARKER = /<!-- snippet: (\S+) -->\n```(\w+)\n([\s\S]*?)```/g;

export interface SnippetRef {
  doc: string;
  path: string;
  shown: string;
  actual: string;
}

export function docFiles(): string[] {
  return readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
}

export function snippetRefs(doc: string): SnippetRef[] {
  const text = readFileSync(join(repoRoot, doc), 'utf8');
  return [...text.matchAll(MARKER)].map((m) => ({
    doc,
    path: m[1] as string,
    shown: m[3] as string,
    actual: readFileSync(join(repoRoot, m[1] as string), 'utf8'),
  }));
}

/** Fenced TypeScript blocks that no snippet marker vouches for. */
export function unmarkedTsBlocks(doc: string): number {
  const text = readFileSync(join(repoRoot, doc), 'utf8');
  const all = [...text.matchAll(/```(ts|typescript)\n/g)].length;
  const marked = [...text.matchAll(MARKER)].filter((m) => m[2] === 'ts' || m[2] === 'typescript').length;
  return all - marked;
}

export function syncDocs(): void {
  for (const doc of docFiles()) {
    const file = join(repoRoot, doc);
    const text = readFileSync(file, 'utf8');
    const next = text.replace(MARKER, (_all, path: string, lang: string) => {
      const body = readFileSync(join(repoRoot, path), 'utf8');
      return `<!-- snippet: ${path} -->\n\`\`\`${lang}\n${body.endsWith('\n') ? body : `${body}\n`}\`\`\``;
    });
    if (next !== text) writeFileSync(file, next);
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) syncDocs();
