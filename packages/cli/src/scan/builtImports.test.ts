// A relative import of a sibling package's build output (`../../common/lib/dynamodb`) resolves to the
// module the build compiles it from, and only through a folder that is a package.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModuleResolver } from './moduleResolver.js';

const root = mkdtempSync(join(tmpdir(), 'built-imports-'));
const files: Record<string, string> = {
  'packages/common/package.json': '{ "name": "common" }\n',
  'packages/common/tsconfig.json': '{ "compilerOptions": { "rootDir": "./src", "outDir": "./lib" } }\n',
  'packages/common/src/dynamodb.ts': 'export const getRecord = async () => ({});\n',
  'packages/shared/package.json': '{ "name": "shared" }\n',
  'packages/shared/src/queue.ts': 'export const send = async () => {};\n',
  'packages/api/src/index.ts': "import { getRecord } from '../../common/lib/dynamodb';\n",
  'plain/src/util.ts': 'export const x = 1;\n',
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

const modules = Object.keys(files)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, f));
const resolver = new ModuleResolver((file) => modules.includes(file), undefined);
const from = join(root, 'packages/api/src/index.ts');

describe('ModuleResolver on a sibling package build output', () => {
  it.each([
    [
      "tsconfig's outDir mapped to its rootDir",
      '../../common/lib/dynamodb',
      'packages/common/src/dynamodb.ts',
    ],
    [
      'a build folder of a package with no tsconfig, to src',
      '../../shared/dist/queue.js',
      'packages/shared/src/queue.ts',
    ],
  ])('resolves %s', (_name, source, expected) => {
    // Act
    const found = resolver.resolve(from, source);

    // Assess
    expect(found).toBe(join(root, expected));
  });

  it('leaves a build-looking folder alone when the folder above it is no package', () => {
    expect(resolver.resolve(from, '../../../plain/lib/util')).toBeUndefined();
  });
});
