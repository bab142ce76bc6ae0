import { describe, expect, it } from 'vitest';
import { isFatal, parseSource } from './parseSource.js';

const fatal = (file: string, text: string) =>
  parseSource(file, text, { lang: 'js' })
    .errors.filter((e) => e.severity === 'Error')
    .map((e) => e.message);

describe('parseSource', () => {
  it('reads a CommonJS body with a top-level return, as Node runs it', () => {
    const text = "const cfg = require('./cfg');\nif (!cfg.on) {\n  return;\n}\nmodule.exports = cfg;\n";
    expect(fatal('job.js', text)).toEqual([]);
    expect(parseSource('job.js', text, { lang: 'js' }).program.body).toHaveLength(3);
  });

  it('still refuses a top-level return in an ES module, and other syntax errors of a script', () => {
    expect(fatal('job.mjs', "import x from 'x';\nif (!x) return;\n")).toHaveLength(1);
    expect(fatal('job.js', 'return;\nconst = 1;\n').length).toBeGreaterThan(0);
    // Node loads .mjs as an ES module whatever its syntax: no CommonJS reading there.
    expect(fatal('job.mjs', 'if (!process.env.ON) return;\n')).toHaveLength(1);
  });

  it('reads ES modules as modules', () => {
    expect(
      parseSource('m.js', "import x from 'x';\nexport const y = x;\n", { lang: 'js' }).program.sourceType,
    ).toBe('module');
  });

  it('keeps a private method with an accessibility modifier, a grammar check whose tree is whole', () => {
    const text =
      'export class Store {\n  private async #flush(batch: string[]): Promise<void> {\n    await send(batch);\n  }\n}\n';
    const parsed = parseSource('store.ts', text, { lang: 'ts' });
    expect(parsed.errors.filter(isFatal)).toEqual([]);
    expect(parsed.program.body).toHaveLength(1);
    // A real syntax error in the same class is still fatal.
    expect(
      parseSource('s.ts', 'class S {\n  private async #m( {\n}\n', { lang: 'ts' }).errors.some(isFatal),
    ).toBe(true);
  });
});
