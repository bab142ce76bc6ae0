// Exports the package's own tests call. The scan leaves tests out of what it judges (config.ts), so an
// exported helper only a test calls looks like an export no importer names (unnamedExports.ts). Yet an
// export kept under test is the module's API, written to be called: the rule text drops only what nothing
// can call, so such an export keeps its findings. Read from the tests' text, each package's tests listed once.

import { readFileSync } from 'node:fs';
import { importSources, mentions } from './callerText.js';
import { filesUnder } from './filesUnder.js';

/** A test module by name (`sqs.test.ts`, `api.spec.js`) or by folder (`test/`, `__tests__/`). */
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_DIR = /^(?:__tests?__|tests?)$/;
const CODE = /\.[cm]?[jt]sx?$/;
/** Folders no test of the package's own sits in. */
const SKIPPED = new Set([
  'node_modules',
  'dist',
  'build',
  'cdk.out',
  'coverage',
  '.git',
  '.aws-sam',
  '.serverless',
]);
/** A bound on the walk: a package with more test files than this is read no further. */
const MAX_TESTS = 2000;
const DEPTH = 8;

/** Test files of each package folder, and each test's text, read once per scan. */
export class TestCallers {
  private readonly tests = new Map<string, string[]>();
  private readonly texts = new Map<string, string>();

  /**
   * Does a test under `pkg` import `file` and name one of `names`?
   *
   * @example
   * callers.named('/app/', '/app/src/sqs.ts', ['changeVisibility'], resolve) // true: src/sqs.test.ts calls it
   */
  named(
    pkg: string,
    file: string,
    names: readonly string[],
    resolve: (from: string, source: string) => string | undefined,
  ): boolean {
    for (const test of this.testsUnder(pkg)) {
      const text = this.textOf(test);
      if (!mentions(text, names)) continue;
      if (importSources(text).some((source) => resolve(test, source) === file)) return true;
    }
    return false;
  }

  private testsUnder(pkg: string): string[] {
    const cached = this.tests.get(pkg);
    if (cached !== undefined) return cached;
    const out: string[] = [];
    const walk = filesUnder(pkg, {
      enter: (name, depth) => depth <= DEPTH && !SKIPPED.has(name),
      take: (e) => e.isFile() && CODE.test(e.name) && !e.name.endsWith('.d.ts'),
    });
    for (const path of walk) {
      const parts = path.slice(pkg.length).split(/[\\/]/);
      if (TEST_FILE.test(path) || parts.slice(0, -1).some((p) => TEST_DIR.test(p))) out.push(path);
      if (out.length >= MAX_TESTS) break;
    }
    this.tests.set(pkg, out);
    return out;
  }

  private textOf(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = '';
      }
      this.texts.set(file, text);
    }
    return text;
  }
}
