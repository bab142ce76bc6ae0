// settledImports: the project imports the settled work calls, or none when some work call is not one
// (then nothing excuses the finding).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { settledImports } from './settledWork.js';

/** settledImports for the settle in `body`, a function of module m.ts that imports sendWelcome. */
function imports(body: string): number {
  const text = `import { sendWelcome } from './notify';\nasync function run(u, ids, repo, given) {\n${body}\n}`;
  const parsed = parseSync('m.ts', text, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.ts', text, parsed.program as unknown as Node, parsed.comments);
  let settle: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    const callee = n.type === 'CallExpression' ? (n.callee as Node) : undefined;
    if (callee?.type === 'MemberExpression' && (callee.property as Node).name === 'allSettled') settle = n;
    return true;
  });
  const s = settle as Node;
  return settledImports(ctx, (s.arguments as Node[])[0], ctx.enclosingFunction(s) as Node).length;
}

describe('settledImports (review r58 item 4)', () => {
  it('reads a list where it was filled', () => {
    expect(
      imports(
        'const jobs = [];\nfor (const t of ids) jobs.push(sendWelcome(u, t));\nawait Promise.allSettled(jobs);',
      ),
    ).toBe(1);
    expect(imports('await Promise.allSettled(ids.map((t) => sendWelcome(u, t)));')).toBe(1);
  });

  it('gives none when the work also calls something else, or the list is not made in view', () => {
    expect(
      imports(
        'await Promise.allSettled(ids.map(async (t) => {\n  await repo.add(u, t);\n  await sendWelcome(u, t);\n}));',
      ),
    ).toBe(0);
    expect(imports('await Promise.allSettled(given);')).toBe(0);
  });
});
