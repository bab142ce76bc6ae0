import { describe, expect, it } from 'vitest';
import { parseTsconfig } from '../tsconfigFile.js';
import {
  type FolderEntries,
  type TscFolders,
  tscFolders,
  tscSourceHandlers,
  tscSourceStems,
} from './tscOutDir.js';

const folders =
  (map: Record<string, FolderEntries>) =>
  (path: string): FolderEntries | undefined =>
    map[path];
const none = folders({});
/** tscFolders for '/svc' with `text` as its tsconfig.json. */
const svc = (text: string, list: (path: string) => FolderEntries | undefined) =>
  tscFolders('/svc', parseTsconfig(text), list);

/** A service whose sources all sit under src/functions/, in two groups. */
const functionsTree = folders({
  '/svc': { files: ['package.json'], dirs: ['src'] },
  '/svc/src': { files: [], dirs: ['functions'] },
  '/svc/src/functions': { files: [], dirs: ['form', 'user'] },
});

describe('tscFolders', () => {
  it('reads a literal outDir and rootDir', () => {
    const text = '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }';
    expect(svc(text, none)).toEqual({ outDir: 'dist', rootDir: 'src' });
  });

  it("infers tsc's root as the deepest folder holding every included source", () => {
    const text = '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/**/*.ts"] }';
    expect(svc(text, functionsTree)).toEqual({ outDir: 'dist', rootDir: 'src/functions' });
  });

  it('reads a wildcard-free folder include as <folder>/**/*', () => {
    for (const include of ['"src"', '"./src/"'])
      expect(
        svc(`{ "compilerOptions": { "outDir": "dist" }, "include": [${include}] }`, functionsTree),
      ).toEqual({
        outDir: 'dist',
        rootDir: 'src/functions',
      });
  });

  it('takes the common folder of every include pattern', () => {
    const text = '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/**/*.ts", "lib/**/*.ts"] }';
    const tree = folders({
      '/svc/src': { files: ['a.ts'], dirs: [] },
      '/svc/lib': { files: ['b.ts'], dirs: [] },
    });
    expect(svc(text, tree)).toEqual({ outDir: 'dist', rootDir: '' });
  });

  it('leaves out an include pattern whose folder holds no source', () => {
    const text = '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/**/*", "schemas/*.json"] }';
    const tree = folders({
      '/svc/src': { files: [], dirs: ['functions'] },
      '/svc/src/functions': { files: ['a.ts'], dirs: [] },
      '/svc/schemas': { files: ['order.json'], dirs: [] },
    });
    expect(svc(text, tree)).toEqual({ outDir: 'dist', rootDir: 'src/functions' });
  });

  it('stops at a folder that holds a source file itself', () => {
    const tree = folders({
      '/svc': { files: ['handler.ts', 'package.json'], dirs: ['node_modules', 'lib'] },
    });
    expect(svc('{ "compilerOptions": { "outDir": "dist" } }', tree)).toEqual({ outDir: 'dist', rootDir: '' });
  });

  it('walks past declaration files, and past JavaScript unless allowJs', () => {
    const tree = folders({
      '/svc': { files: ['types.d.ts', 'legacy.js'], dirs: ['src'] },
      '/svc/src': { files: ['index.ts'], dirs: [] },
    });
    expect(svc('{ "compilerOptions": { "outDir": "dist" } }', tree)).toEqual({
      outDir: 'dist',
      rootDir: 'src',
    });
    expect(svc('{ "compilerOptions": { "outDir": "dist", "allowJs": true } }', tree)).toEqual({
      outDir: 'dist',
      rootDir: '',
    });
  });

  it('skips node_modules, dot-folders, the outDir and folders with no source while walking down', () => {
    const tree = folders({
      '/svc': { files: ['package.json'], dirs: ['node_modules', '.serverless', 'build', 'schemas', 'src'] },
      '/svc/.serverless': { files: ['bundle.ts'], dirs: [] },
      '/svc/schemas': { files: ['order.json'], dirs: ['types'] },
      '/svc/schemas/types': { files: ['order.d.ts'], dirs: [] },
      '/svc/src': { files: ['index.ts'], dirs: [] },
    });
    expect(svc('{ "compilerOptions": { "outDir": "build" } }', tree)).toEqual({
      outDir: 'build',
      rootDir: 'src',
    });
  });

  it('takes the composite default (the tsconfig folder)', () => {
    const text = '{ "compilerOptions": { "outDir": "lib", "composite": true } }';
    expect(svc(text, none)).toEqual({ outDir: 'lib', rootDir: '' });
  });

  it('fails closed on what it cannot read exactly', () => {
    // Each would resolve to src/functions without the guard it names.
    const cases = [
      '{ "extends": "../tsconfig.base.json", "compilerOptions": { "outDir": "dist" } }',
      '{ "compilerOptions": { "outDir": "dist" }, "files": ["src/a.ts"] }',
      '{ "compilerOptions": { "outDir": "dist", "rootDir": "../src" } }',
      '{ "compilerOptions": { "outDir": "dist", "rootDir": 7 } }',
      '{ "compilerOptions": { "outDir": "dist" }, "include": ["src/functions/form/a.ts"] }',
      '{ "compilerOptions": { "outDir": "../out", "rootDir": "src" } }',
      '{ "compilerOptions": { "rootDir": "src" } }',
      '{ "compilerOptions": { "outDir": "dist" ',
      // An include folder that cannot be listed.
      '{ "compilerOptions": { "outDir": "dist" }, "include": ["app/**/*"] }',
    ];
    expect(svc('{ "compilerOptions": { "outDir": "dist" } }', functionsTree)).toEqual({
      outDir: 'dist',
      rootDir: 'src/functions',
    });
    for (const text of cases) expect(svc(text, functionsTree), text).toBeUndefined();
    expect(tscFolders('/svc', undefined, functionsTree)).toBeUndefined();
  });
});

describe('tscSourceHandlers', () => {
  const foldersOf = (dir: string): TscFolders | undefined =>
    tscFolders(
      dir,
      parseTsconfig('{ "compilerOptions": { "outDir": "dist" }, "include": ["src/**/*.ts"] }'),
      functionsTree,
    );

  it("maps handlers under outDir to their source under tsc's root", () => {
    expect(
      tscSourceHandlers(
        '/svc',
        ['./dist/form/postCreate/index.handler', 'handlers/other.main', '../dist/x.handler'],
        foldersOf,
      ),
    ).toEqual(['/svc/src/functions/form/postCreate/index.handler']);
  });

  it('names nothing without a readable tsconfig', () => {
    expect(tscSourceHandlers('/svc', ['dist/form/a.handler'], () => undefined)).toEqual([]);
  });
});

describe('tscSourceStems', () => {
  it('maps template stems the same way', () => {
    const foldersOf = (dir: string) =>
      tscFolders(
        dir,
        parseTsconfig('{ "compilerOptions": { "outDir": ".build", "rootDir": "./src" } }'),
        none,
      );
    expect(tscSourceStems('/svc', ['.build/onInsert', 'src/direct'], foldersOf)).toEqual([
      '/svc/src/onInsert',
    ]);
  });
});
