// Docs cannot go stale: every TypeScript block in docs/ is a file under examples/, which CI type-checks.
import { describe, expect, it } from 'vitest';
import { docFiles, snippetRefs, unmarkedTsBlocks } from '../scripts/docSnippets.js';

const docs = docFiles();
const refs = docs.flatMap(snippetRefs);

describe('docs', () => {
  it.each(docs)('%s shows TypeScript only through snippet markers', (doc) => {
    expect(unmarkedTsBlocks(doc), `${doc}: put the code in examples/snippets and mark it`).toBe(0);
  });

  it.runIf(refs.length > 0).each(refs)('$doc shows $path as it is (run `npm run docs:sync`)', (ref) => {
    expect(ref.shown.trimEnd()).toBe(ref.actual.trimEnd());
  });
});
