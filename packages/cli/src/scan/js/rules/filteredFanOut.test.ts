// A fan-out whose failed items are answered as stand-ins by a `.catch` and then filtered out of the answer
// is reported at the `.catch`; a wrapper handed the work's promise (`timeout(run(x), ms)`) reaches what the
// work reaches. The near misses: a fan-out whose stand-ins are kept (the reader sees the null), a filter that
// tests something else, a stand-in for local work.
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../analyzeModule.js';

const filtered = (source: string) =>
  analyzeModule('/app/src/handlers/balances.ts', source)
    .candidates.filter(
      (c) => c.rule === 'swallowed-error' && c.message.includes('filtered out of the answer'),
    )
    .map((c) => c.line);

const fanOut = (wrapped: string, after: string) =>
  `const timeout = (work, ms) =>\n  Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);\nexport const handler = async (event) => {\n  const runChain = async (chain) => {\n    const res = await fetch(\`https://rpc.example.com/\${chain}\`, { signal: AbortSignal.timeout(5000) });\n    return res.ok ? res.json() : undefined;\n  };\n  const all = await Promise.all(\n    event.chains.map((chain) =>\n      ${wrapped}.catch(() => {\n        console.error('chain failed', chain);\n        return null;\n      }),\n    ),\n  );\n  ${after}\n};\n`;

describe('filteredFanOut', () => {
  it.each([
    [
      'a timeout wrapper of local work, filtered by name',
      fanOut(
        'timeout(runChain(chain), 10_000)',
        'return { statusCode: 200, body: JSON.stringify(all.filter(isNotNullish)) };',
      ),
    ],
    [
      'the work itself, filtered by an arrow',
      fanOut('runChain(chain)', 'return all.filter((b) => b != null);'),
    ],
    [
      'the answer dropped (the work pushes into a list)',
      fanOut('timeout(runChain(chain), 10_000)', 'return 1;').replace('const all = await', 'await'),
    ],
    [
      'filtered with Boolean',
      fanOut('runChain(chain)', 'const found = all.filter(Boolean);\n  return found.length;'),
    ],
  ])('reports %s', (_, source) => {
    expect(filtered(source)).toEqual([10]);
  });

  it.each([
    ['stand-ins kept for the reader', fanOut('timeout(runChain(chain), 10_000)', 'return all;')],
    ['a filter on something else', fanOut('runChain(chain)', 'return all.filter((b) => b.amount > 0);')],
    [
      'a stand-in for local work',
      fanOut('timeout(Promise.resolve(chain), 10)', 'return all.filter(isNotNullish);'),
    ],
  ])('says nothing of %s', (_, source) => {
    expect(filtered(source)).toEqual([]);
  });
});
