// A path a CDK stack builds from its own location is read where the app runs it: ESM's
// `dirname(fileURLToPath(import.meta.url))` is tsc's output folder when cdk.json runs `node dist/...`, and a
// one-expression path helper of the module (`svc(rel)`) is read with its parameter bound.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { handlerLink, pathValue } from './cdkHandlers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A repository with its CDK app in infra/cdk, whose cdk.json runs `app`. */
function repo(app: string): string {
  const root = mkdtempSync(join(tmpdir(), 'run-file-'));
  made.push(root);
  mkdirSync(join(root, 'infra/cdk/lib'), { recursive: true });
  writeFileSync(join(root, 'infra/cdk/cdk.json'), JSON.stringify({ app }));
  writeFileSync(
    join(root, 'infra/cdk/tsconfig.json'),
    JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.' } }),
  );
  return root;
}

const STACK = [
  "import { fileURLToPath } from 'node:url';",
  "import { dirname, resolve } from 'node:path';",
  "const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');",
  'const svc = (rel: string) => resolve(REPO_ROOT, rel);',
  "const fn = (id: string, entry: string) => new NodejsFunction(this, id, { entry, handler: 'handler' });",
  "const indexer = fn('Indexer', svc('services/indexer/src/index.ts'));",
  'indexer.addEventSource(source);',
].join('\n');

/** The context of the stack in `root`, and the last `indexer` it names. */
function stackOf(root: string) {
  const file = join(root, 'infra/cdk/lib/stack.ts');
  const ctx = contextOf(STACK, file);
  const init = (ctx.program.body as Node[])[2]?.declarations[0].init as Node;
  const call = (ctx.program.body as Node[])[6]?.expression as Node;
  return { ctx, init, fnExpr: call.callee.object as Node };
}

describe('paths a stack builds from where it runs', () => {
  it("reads import.meta.url as tsc's output when cdk.json runs the built app", () => {
    // Prepare
    const root = repo('node dist/bin/app.js');
    const { ctx, init } = stackOf(root);

    // Act
    const path = pathValue(ctx, init);

    // Assess: dist/lib is four folders below the repository.
    expect(path).toBe(root);
  });

  it('reads import.meta.url as the source file when the app runs from source', () => {
    // Prepare
    const root = repo('npx tsx bin/app.ts');
    const { ctx, init } = stackOf(root);

    // Act
    const path = pathValue(ctx, init);

    // Assess
    expect(path).toBe(join(root, '..'));
  });

  it("links a local factory's function through a path helper of the module", () => {
    // Prepare
    const root = repo('node dist/bin/app.js');
    const { ctx, fnExpr } = stackOf(root);

    // Act
    const link = handlerLink(ctx, fnExpr, 'reported-in-code');

    // Assess
    expect(link?.stems).toEqual([join(root, 'services/indexer/src/index')]);
  });
});
