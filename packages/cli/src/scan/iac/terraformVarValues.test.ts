// What a Terraform variable's default stands for: .tfvars beside it and module call arguments win.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultKept, folderVarFiles, withVarFiles } from './terraformVarValues.js';

describe('folderVarFiles and withVarFiles', () => {
  it('replaces a default by the smallest .tfvars value, and drops one set to a non-number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfvars-'));
    writeFileSync(join(dir, 'dev.tfvars'), 'search_timeout = 60\nname = "x" # a comment\n');
    writeFileSync(join(dir, 'prod.tfvars'), 'search_timeout = 20\nfeed_timeout = var.other\n');
    const set = folderVarFiles(join(dir, 'main.tf'));
    const variables = [
      { name: 'search_timeout', value: 45 },
      { name: 'feed_timeout', value: 45 },
      { name: 'ping_timeout', value: 10 },
      { name: 'local.search_timeout', value: 40 },
    ];
    expect(withVarFiles(variables, set)).toEqual([
      { name: 'search_timeout', value: 20 },
      { name: 'ping_timeout', value: 10 },
      { name: 'local.search_timeout', value: 40 },
    ]);
  });
  it('keeps the defaults of a folder with no .tfvars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfvars-'));
    expect(withVarFiles([{ name: 'a', value: 1 }], folderVarFiles(join(dir, 'main.tf')))).toEqual([
      { name: 'a', value: 1 },
    ]);
  });
});

describe('defaultKept', () => {
  const call = (source: string, inputs: [string, string][]) => ({ source, inputs });
  it('is kept by a root module (no call) and by a call that passes no value', () => {
    expect(defaultKept([], 'infra/fn', 'timeout')).toBe(true);
    const files = [
      { dir: 'infra', calls: [call('./fn', [['timeout', '10']]), call('./fn', [['name', '"a"']])] },
    ];
    expect(defaultKept(files, 'infra/fn', 'timeout')).toBe(true);
  });
  it('is not kept when every call passes the variable', () => {
    const files = [{ dir: 'infra', calls: [call('./fn', [['timeout', '10']]), call('./other', [])] }];
    expect(defaultKept(files, 'infra/fn', 'timeout')).toBe(false);
  });
});
