// A layer's committed stub gives way to the folder its build copies in: isPlaceholderModule, and the
// resolver's answer for `/opt/nodejs/...` with and without such a stub.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlaceholderModule } from './layerPlaceholder.js';
import { ModuleResolver } from './moduleResolver.js';

const root = mkdtempSync(join(tmpdir(), 'layer-placeholder-'));
const files: Record<string, string> = {
  'stubbed/layer/nodejs/ledger/index.js': '// Silence is golden.\n',
  'stubbed/ledger/index.js': "module.exports = { ...require('./invoices') };\n",
  'stubbed/fn/index.js': "const { settle } = require('/opt/nodejs/ledger');\n",
  'stubbed/lib/ledger.js': 'module.exports = { entries: [] };\n',
  'real/layers/shared/nodejs/kit/index.js': 'module.exports = { kit: true };\n',
  'real/kit/index.js': 'module.exports = { other: true };\n',
  'blocks/a.js': '/* generated */\n#!/usr/bin/env node is not a comment here\n',
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A resolver over the modules of one folder of the fixture. */
function resolverOver(folder: string): ModuleResolver {
  const modules = Object.keys(files)
    .filter((f) => f.startsWith(`${folder}/`))
    .map((f) => join(root, f));
  return new ModuleResolver(
    (file) => modules.includes(file),
    undefined,
    undefined,
    () => modules,
  );
}

describe('isPlaceholderModule', () => {
  it('is true for a module holding only comments and whitespace', () => {
    expect(isPlaceholderModule(join(root, 'stubbed/layer/nodejs/ledger/index.js'))).toBe(true);
  });

  it('is false for a module with code, and for a file that cannot be read', () => {
    expect(isPlaceholderModule(join(root, 'stubbed/ledger/index.js'))).toBe(false);
    expect(isPlaceholderModule(join(root, 'blocks/a.js'))).toBe(false);
    expect(isPlaceholderModule(join(root, 'missing.js'))).toBe(false);
  });
});

describe('ModuleResolver on /opt/nodejs imports', () => {
  it('answers the copied folder when the layer holds only a stub, not a file named alike', () => {
    const from = join(root, 'stubbed/fn/index.js');
    expect(resolverOver('stubbed').resolve(from, '/opt/nodejs/ledger')).toBe(
      join(root, 'stubbed/ledger/index.js'),
    );
  });

  it("keeps the layer's own module when it has code, whatever else is named alike", () => {
    const from = join(root, 'real/fn/index.js');
    expect(resolverOver('real').resolve(from, '/opt/nodejs/kit')).toBe(
      join(root, 'real/layers/shared/nodejs/kit/index.js'),
    );
  });
});
