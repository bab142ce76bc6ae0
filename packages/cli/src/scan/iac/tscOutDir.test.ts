import { describe, expect, it } from 'vitest';
import { type FolderEntries, tscFolders, tscSourceHandlers, tscSourceStems } from './tscOutDir.js';

const files = (map: Record<string, string>) => (path: string) => map[path];
const folders =
  (map: Record<string, FolderEntries>) =>
  (path: string): FolderEntries | undefined =>
    map[path];
const none = folders({});

/** A service whose sources all sit under src/functions/, in two groups. */
const functionsTree = folders({
  '/svc/src': { files: [], dirs: ['functions'] },
  '/svc/src/functions': { files: [], dirs: ['form', 'user'] },
});

describe('tscFolders', () => {
  it('reads a literal outDir and rootDir', () => {
    const read = files({
      '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }',
    });
    expect(tscFolders('/svc', read, none)).toEqual({ outDir: 'dist', rootDir: 'src' });
  });

  it("infers tsc's root as the deepest folder holding every included source", () => {
    const read = files({
      '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/**/*.ts"] }',
    });
    expect(tscFolders('/svc', read, functionsTree)).toEqual({ outDir: 'dist', rootDir: 'src/functions' });
  });

  it('stops at a folder that holds a source file itself', () => {
    const read = files({ '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }' });
    const tree = folders({
      '/svc': { files: ['handler.ts', 'package.json'], dirs: ['node_modules', 'lib'] },
    });
    expect(tscFolders('/svc', read, tree)).toEqual({ outDir: 'dist', rootDir: '' });
  });

  it('skips node_modules and the outDir itself while walking down', () => {
    const read = files({ '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "build" } }' });
    const tree = folders({
      '/svc': { files: ['package.json'], dirs: ['node_modules', 'build', 'src'] },
      '/svc/src': { files: ['index.ts'], dirs: [] },
    });
    expect(tscFolders('/svc', read, tree)).toEqual({ outDir: 'build', rootDir: 'src' });
  });

  it('takes the composite default (the tsconfig folder)', () => {
    const read = files({
      '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "lib", "composite": true } }',
    });
    expect(tscFolders('/svc', read, none)).toEqual({ outDir: 'lib', rootDir: '' });
  });

  it('fails closed on what it cannot read exactly', () => {
    const cases = [
      '{ "extends": "../tsconfig.base.json", "compilerOptions": { "outDir": "dist" } }',
      '{ "compilerOptions": { "outDir": "dist" }, "files": ["src/a.ts"] }',
      '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/a.ts"] }',
      '{ "compilerOptions": { "outDir": "../out", "rootDir": "src" } }',
      '{ "compilerOptions": { "rootDir": "src" } }',
      '{ "compilerOptions": { "outDir": "dist" ',
    ];
    for (const text of cases)
      expect(tscFolders('/svc', files({ '/svc/tsconfig.json': text }), functionsTree), text).toBeUndefined();
    expect(tscFolders('/svc', files({}), functionsTree)).toBeUndefined();
    // An include folder that cannot be listed.
    const read = files({
      '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" }, "include": ["app/**/*"] }',
    });
    expect(tscFolders('/svc', read, functionsTree)).toBeUndefined();
  });
});

describe('tscSourceHandlers', () => {
  const read = files({
    '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/**/*.ts"] }',
  });

  it("maps handlers under outDir to their source under tsc's root", () => {
    expect(
      tscSourceHandlers(
        '/svc',
        ['./dist/form/postCreate/index.handler', 'handlers/other.main', '../dist/x.handler'],
        read,
        functionsTree,
      ),
    ).toEqual(['/svc/src/functions/form/postCreate/index.handler']);
  });

  it('names nothing without a readable tsconfig', () => {
    expect(tscSourceHandlers('/svc', ['dist/form/a.handler'], files({}), functionsTree)).toEqual([]);
  });
});

describe('tscSourceStems', () => {
  it('maps template stems the same way', () => {
    const read = files({
      '/svc/tsconfig.json': '{ "compilerOptions": { "outDir": ".build", "rootDir": "./src" } }',
    });
    expect(tscSourceStems('/svc', ['.build/onInsert', 'src/direct'], read, none)).toEqual([
      '/svc/src/onInsert',
    ]);
  });
});
