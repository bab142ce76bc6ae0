import { describe, expect, it } from 'vitest';
import { programText } from './cliImporters.js';

describe('programText', () => {
  it('takes a program that also exports helpers (for its tests or a sibling program)', () => {
    const src = 'const args = minimist(process.argv);\nexport async function readSource() {}\n';
    expect(programText(src)).toBe(true);
  });

  it('takes a shebang and a require.main guard', () => {
    expect(programText('#!/usr/bin/env node\nmain();\n')).toBe(true);
    expect(programText('module.exports = { run };\nif (require.main === module) run();\n')).toBe(true);
  });

  it('leaves a server that reads its port from process.argv: a service nobody watches', () => {
    expect(programText('const port = process.argv[2];\napp.listen(port);\n')).toBe(false);
  });

  it('leaves a library module', () => {
    expect(programText('export const s3 = new S3Client({});\n')).toBe(false);
  });
});
