import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  it('runs scan again with the flag and the same arguments, passing on its exit code', async () => {
    // Act
    const code = await rerunWithYoungGeneration(fakeBin(), ['scan', 'src', '--quiet']);

    // Assess
    expect(code).toBe(7);
  });

  it('leaves other commands to this process', async () => {
    // Act
    const code = await rerunWithYoungGeneration(fakeBin(), ['breaker', 'status']);

    // Assess
    expect(code).toBeUndefined();
  });

  it.each([
    ['a size', '--max-semi-space-size=32'],
    ['a debugger', '--inspect-brk=0'],
  ])('leaves the scan to this process when NODE_OPTIONS asks for %s', async (_what, flag) => {
    // Prepare
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${before ?? ''} ${flag}`;

    // Act
    let code: number | undefined;
    try {
      code = await rerunWithYoungGeneration(fakeBin(), ['scan', 'src', '--quiet']);
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }

    // Assess
    expect(code).toBeUndefined();
  });
});

/** Polls `test` every 20 ms until it holds or `ms` have passed: a real child process takes its own time. */
async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return test();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('rerunWithYoungGeneration in a real process', () => {
  it('takes the scan down with it when a runner sends SIGTERM to the process it started', async () => {
    // Prepare: a parent that reruns a scan which records its pid and never ends by itself.
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-young-signal-'));
    const pidFile = join(dir, 'child.pid');
    const bin = join(dir, 'bin.mjs');
    writeFileSync(
      bin,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`,
    );
    const parentScript = join(dir, 'parent.mts');
    const module = pathToFileURL(join(import.meta.dirname, 'youngGeneration.ts')).href;
    writeFileSync(
      parentScript,
      `import { rerunWithYoungGeneration } from ${JSON.stringify(module)};\nprocess.exit((await rerunWithYoungGeneration(${JSON.stringify(bin)}, ['scan'])) ?? 99);\n`,
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], {
      cwd: join(import.meta.dirname, '..'),
      stdio: 'ignore',
    });
    const ended = new Promise((done) => parent.once('exit', done));
    expect(await until(() => existsSync(pidFile), 20_000)).toBe(true);
    const childPid = Number(readFileSync(pidFile, 'utf8'));

    // Act
    parent.kill('SIGTERM');
    await ended;

    // Assess
    expect(await until(() => !alive(childPid), 5_000)).toBe(true);
  }, 30_000);
});

describe('youngGeneration in the process that scans', () => {
  it('does not load child_process when it runs the scan itself', () => {
    // Prepare: the child's situation, a size given already, so the module only answers "run as is".
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-young-load-'));
    const script = join(dir, 'scanner.mts');
    const module = pathToFileURL(join(import.meta.dirname, 'youngGeneration.ts')).href;
    writeFileSync(
      script,
      [
        `import { rerunWithYoungGeneration } from ${JSON.stringify(module)};`,
        "const code = await rerunWithYoungGeneration('bin.js', ['scan']);",
        "console.log(code, process.moduleLoadList.includes('NativeModule child_process'));",
      ].join('\n'),
    );

    // Act: type stripping, not tsx (which loads child_process itself).
    const run = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', YOUNG_GENERATION_FLAG, script],
      { encoding: 'utf8' },
    );

    // Assess
    expect(run.stdout.trim()).toBe('undefined false');
  });
});
