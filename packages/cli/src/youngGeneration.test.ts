import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rerunWithYoungGeneration, YOUNG_GENERATION_FLAG } from './youngGeneration.js';

/** A stand-in for bin.js: exits 7 when run with the young generation flag and the arguments given, else 3. */
function fakeBin(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bulwark-young-')), 'bin.mjs');
  writeFileSync(
    file,
    [
      `const flagged = process.execArgv.includes(${JSON.stringify(YOUNG_GENERATION_FLAG)});`,
      `const same = process.argv.slice(2).join(' ') === 'scan src --quiet';`,
      'process.exit(flagged && same ? 7 : 3);',
    ].join('\n'),
  );
  return file;
}

describe('rerunWithYoungGeneration', () => {
  it('runs scan again with the flag and the same arguments, passing on its exit code', () => {
    // Act
    const code = rerunWithYoungGeneration(fakeBin(), ['scan', 'src', '--quiet']);

    // Assess
    expect(code).toBe(7);
  });

  it('leaves other commands to this process', () => {
    // Act
    const code = rerunWithYoungGeneration(fakeBin(), ['breaker', 'status']);

    // Assess
    expect(code).toBeUndefined();
  });

  it.each([
    ['a size', '--max-semi-space-size=32'],
    ['a debugger', '--inspect-brk=0'],
  ])('leaves the scan to this process when NODE_OPTIONS asks for %s', (_what, flag) => {
    // Prepare
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${before ?? ''} ${flag}`;

    // Act
    let code: number | undefined;
    try {
      code = rerunWithYoungGeneration(fakeBin(), ['scan', 'src', '--quiet']);
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }

    // Assess
    expect(code).toBeUndefined();
  });
});
