import { describe, expect, it } from 'vitest';
import { parseTsconfig } from '../tsconfigFile.js';
import { batchOneSourceHandlers, builtSourceHandlers } from './buildEntries.js';
import { tscFolders } from './tscOutDir.js';

const files = (map: Record<string, string>) => (path: string) => map[path];

describe('builtSourceHandlers', () => {
  it("links a webpack entry's bundle name to its source module", () => {
    const read = files({
      '/repo/webpack.config.js':
        "module.exports = { entry: { 'apple-update': './typescript/src/update/apple.ts' } };",
    });
    expect(builtSourceHandlers('/repo', ['apple-update.handler', 'other.handler'], read)).toEqual([
      '/repo/typescript/src/update/apple.handler',
    ]);
  });

  it('does not link when output.filename does not name files by entry', () => {
    const read = files({
      '/repo/webpack.config.js':
        "module.exports = { entry: { a: './src/a.ts' }, output: { filename: 'bundle.js' } };",
    });
    expect(builtSourceHandlers('/repo', ['a.handler'], read)).toEqual([]);
  });

  it("maps esbuild's outdir back to its outbase", () => {
    const read = files({
      '/repo/esbuild.config.ts': "esbuild.build({ outdir: 'dist', outbase: 'src/lambdas' })",
    });
    expect(
      builtSourceHandlers('/repo', ['dist/notify/handler.handler', '/repo/dist/x/h.main'], read),
    ).toEqual(['/repo/src/lambdas/notify/handler.handler', '/repo/src/lambdas/x/h.main']);
  });

  it("takes esbuild's default outbase, the entries' common folder, when none is set", () => {
    const computed = files({
      '/repo/esbuild.config.ts':
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own template literal
        "const lambdasPath = 'src/lambdas'\nconst entries = fns.map((f) => `./${lambdasPath}/${f.name}/handler.ts`)\nesbuild.build({ entryPoints: entries, outdir: 'dist' })",
    });
    expect(builtSourceHandlers('/repo', ['dist/notify/handler.handler'], computed)).toEqual([
      '/repo/src/lambdas/notify/handler.handler',
    ]);
    const literal = files({
      '/repo/esbuild.config.ts':
        "esbuild.build({ entryPoints: ['./src/fns/a/index.ts', './src/fns/b/index.ts'], outdir: 'out' })",
    });
    expect(builtSourceHandlers('/repo', ['out/a/index.handler'], literal)).toEqual([
      '/repo/src/fns/a/index.handler',
    ]);
  });

  it('reads nothing into a folder without a bundler config', () => {
    expect(builtSourceHandlers('/repo', ['dist/a/handler.handler'], files({}))).toEqual([]);
  });
});

describe('batchOneSourceHandlers', () => {
  it("adds the source tsc compiles a handler's outDir module from", () => {
    const read = files({
      '/repo/tsconfig.json': '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }',
    });
    const tsc = (dir: string) =>
      tscFolders(dir, parseTsconfig(read(`${dir}/tsconfig.json`)), () => undefined);
    expect(batchOneSourceHandlers('/repo', ['dist/handlers/send.handler'], read, tsc)).toEqual([
      '/repo/src/handlers/send.handler',
    ]);
    expect(batchOneSourceHandlers('/repo', [], read, tsc)).toEqual([]);
  });
});
