// The values a Terraform variable can run with: its default, callers' arguments, a root's .tfvars; the largest is judged.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderVarFiles, largestValue, type VarFolder, withVarFiles } from './terraformVarValues.js';

const tfvarsDir = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'tfvars-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, 'main.tf');
};

describe('folderVarFiles', () => {
  it('reads top-level attributes with the HCL parser: comments after a value, nested maps ignored', () => {
    const set = folderVarFiles(
      tfvarsDir({
        'prod.tfvars':
          'search_timeout = 60 // prod\n/* a\n feed_timeout = 1 */\nsettings = {\n  ping_timeout = 5\n}\n',
      }),
    );
    expect(set.get('search_timeout')).toEqual({ values: [60], always: true });
    expect(set.has('feed_timeout')).toBe(false);
    expect(set.has('ping_timeout')).toBe(false);
  });
  it('is always set only by an auto-loaded file or every file', () => {
    const set = folderVarFiles(
      tfvarsDir({ 'dev.tfvars': 'a = 10\nb = 10\n', 'prod.tfvars': 'a = 60\nc = var.x\n' }),
    );
    expect(set.get('a')).toEqual({ values: [10, 60], always: true });
    expect(set.get('b')).toEqual({ values: [10], always: false });
    expect(set.get('c')?.values[0]).toBeNaN();
  });
});

describe('largestValue', () => {
  const root = (variables: VarFolder['variables'], calls: VarFolder['calls'] = []): VarFolder => ({
    dir: 'infra',
    variables,
    calls,
  });
  const call = (inputs: [string, string][]) => ({ name: 'fn', source: './fn', inputs });
  const fn: VarFolder = { dir: 'infra/fn', variables: [{ name: 'timeout', value: 60 }], calls: [] };

  it('judges the largest .tfvars value of a root, and the default unless every run sets it', () => {
    const set = new Map([['t', { values: [10, 60], always: true }]]);
    const [v] = withVarFiles([{ name: 't', value: 45 }], set);
    expect(largestValue([root([v as VarFolder['variables'][number]])], 'infra', 't')).toBe(60);
    const some = new Map([['t', { values: [10], always: false }]]);
    const [w] = withVarFiles([{ name: 't', value: 45 }], some);
    expect(largestValue([root([w as VarFolder['variables'][number]])], 'infra', 't')).toBe(45);
  });
  it('is silent when one value is no number', () => {
    const set = new Map([['t', { values: [Number.NaN], always: true }]]);
    expect(largestValue([root(withVarFiles([{ name: 't', value: 45 }], set))], 'infra', 't')).toBeUndefined();
    expect(largestValue([fn, root([], [call([['timeout', 'var.missing']])])], 'infra/fn', 'timeout')).toBe(
      undefined,
    );
  });
  it("judges every call's argument, a caller's variable read in the caller's folder", () => {
    const caller = root(
      [{ name: 'users_timeout', value: 120 }],
      [call([['timeout', '60']]), call([['timeout', 'var.users_timeout']])],
    );
    expect(largestValue([fn, caller], 'infra/fn', 'timeout')).toBe(120);
    expect(largestValue([fn, root([], [call([['timeout', '10']])])], 'infra/fn', 'timeout')).toBe(10);
    expect(largestValue([fn, root([], [call([['timeout', '10']]), call([])])], 'infra/fn', 'timeout')).toBe(
      60,
    );
  });
  it("ignores .tfvars beside a called module, and reads a local's value", () => {
    const set = new Map([['timeout', { values: [90], always: true }]]);
    const called = { ...fn, variables: withVarFiles(fn.variables, set) };
    expect(largestValue([called, root([], [call([['timeout', '10']])])], 'infra/fn', 'timeout')).toBe(10);
    expect(largestValue([root([{ name: 'local.t', value: 40 }])], 'infra', 'local.t')).toBe(40);
  });
});
