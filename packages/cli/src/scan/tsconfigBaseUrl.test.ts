// TsconfigPaths looks a bare import up under `baseUrl` when no `paths` alias matches it, as TypeScript does:
// `"baseUrl": "."` and `import { handleSqsEvent } from 'src/core/utils/sqs'` name the project's own module.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTrees } from './testing/tempTrees.js';
import { TsconfigPaths } from './tsconfigPaths.js';

const tree = tempTrees('bulwark-tsconfig-baseurl-');

describe('TsconfigPaths baseUrl', () => {
  it('looks a bare import up under baseUrl', () => {
    // Prepare
    const root = tree({ 'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.' } }) });

    // Act
    const paths = new TsconfigPaths(root).resolve(join(root, 'src/handlers/q.ts'), 'src/core/utils/sqs');

    // Assess
    expect(paths).toEqual([join(root, 'src/core/utils/sqs')]);
  });

  it('does not fall back to baseUrl for a name an alias matches', () => {
    // Prepare
    const options = { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } };
    const root = tree({ 'tsconfig.json': JSON.stringify({ compilerOptions: options }) });

    // Act
    const paths = new TsconfigPaths(root).resolve(join(root, 'src/main.ts'), '@lib/x');

    // Assess
    expect(paths).toEqual([join(root, 'src/lib/x')]);
  });

  it('reads nothing under baseUrl when none is set', () => {
    // Prepare
    const root = tree({ 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }) });

    // Act
    const paths = new TsconfigPaths(root).resolve(join(root, 'src/main.ts'), 'src/core/utils/sqs');

    // Assess
    expect(paths).toEqual([]);
  });
});
