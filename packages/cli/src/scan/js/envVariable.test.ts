// Which environment variable an invoke's FunctionName reads, however the module spells the read.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { envVariable } from './envVariable.js';
import { contextOf } from './testing/parsed.js';

/** The variable the module's `FunctionName` value reads. */
function read(source: string): string | undefined {
  const ctx = contextOf(source);
  const prop = ctx.of('Property').find((p) => (p.key as Node).name === 'FunctionName');
  return envVariable(ctx, prop?.value as Node);
}

describe('envVariable', () => {
  it.each([
    ['a member read', 'send({ FunctionName: process.env.NOTIFY_FN })', 'NOTIFY_FN'],
    ['a computed member read', "send({ FunctionName: process.env['NOTIFY_FN'] })", 'NOTIFY_FN'],
    ['a const holding the read', 'const fn = process.env.NOTIFY_FN; send({ FunctionName: fn })', 'NOTIFY_FN'],
    [
      'a const destructured from process.env',
      'const { A, NOTIFY_FN } = process.env; send({ FunctionName: NOTIFY_FN })',
      'NOTIFY_FN',
    ],
    [
      'a renamed destructured const',
      'const { NOTIFY_FN: target } = process.env; send({ FunctionName: target })',
      'NOTIFY_FN',
    ],
    [
      'a destructured const with a default',
      "const { NOTIFY_FN = 'x' } = process.env; send({ FunctionName: NOTIFY_FN })",
      'NOTIFY_FN',
    ],
    [
      'a const holding the trimmed read',
      'const fn = process.env.NOTIFY_FN?.trim(); send({ FunctionName: fn })',
      'NOTIFY_FN',
    ],
    ['a read made a string', 'send({ FunctionName: process.env.NOTIFY_FN.toString() })', 'NOTIFY_FN'],
    [
      "the module's accessor that throws on a missing variable",
      "function env(name: string): string { const v = process.env[name]; if (!v) throw new Error(name); return v; }\nsend({ FunctionName: env('NOTIFY_FN') })",
      'NOTIFY_FN',
    ],
    [
      'an arrow accessor with a fallback',
      "const getEnv = (key: string) => process.env[key] ?? '';\nsend({ FunctionName: getEnv('NOTIFY_FN') })",
      'NOTIFY_FN',
    ],
    [
      'an accessor whose every return is the read',
      "function env(n) { if (process.env[n]) return process.env[n]!; return process.env[n] || 'dev'; }\nsend({ FunctionName: env('NOTIFY_FN') })",
      'NOTIFY_FN',
    ],
  ])('%s', (_, source, expected) => {
    expect(read(source)).toBe(expected);
  });

  it.each([
    ['a literal name', "send({ FunctionName: 'notify' })"],
    [
      'a let destructured from process.env (may be reassigned)',
      'let { NOTIFY_FN } = process.env; send({ FunctionName: NOTIFY_FN })',
    ],
    [
      'a const destructured from another object',
      'const { NOTIFY_FN } = config; send({ FunctionName: NOTIFY_FN })',
    ],
    // A call that changes the text names another function than the variable does.
    ['a read with a suffix added', "send({ FunctionName: process.env.NOTIFY_FN.concat('-v2') })"],
    ['a read split apart', "send({ FunctionName: process.env.NOTIFY_FN.split(',') })"],
    [
      'an accessor that answers something else on some path',
      "function env(n) { const v = process.env[n]; if (!v) return 'fallback-fn'; return v; }\nsend({ FunctionName: env('NOTIFY_FN') })",
    ],
    [
      'a function of two parameters',
      "function env(n, prefix) { return process.env[prefix + n]; }\nsend({ FunctionName: env('NOTIFY_FN', 'APP_') })",
    ],
    [
      'an accessor called with a name the code computes',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test spells a template
      'function env(n) { return process.env[n]; }\nsend({ FunctionName: env(`${STAGE}_FN`) })',
    ],
    [
      'an imported function (its body unseen)',
      "import { env } from './config';\nsend({ FunctionName: env('NOTIFY_FN') })",
    ],
  ])('nothing for %s', (_, source) => {
    expect(read(source)).toBeUndefined();
  });
});
