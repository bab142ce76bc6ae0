import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_CONFIG, loadScanConfig, normalizeScanConfig } from './config.js';

describe('scan configuration', () => {
  it('documents the defaults it applies', () => {
    // Assess: the @defaultValue tags in config.ts say exactly this.
    expect(DEFAULT_SCAN_CONFIG).toEqual({
      include: [],
      exclude: [],
      rules: {},
      maxFileBytes: 1_000_000,
      maxReceiveCount: { lambda: 10, other: 5 },
      localTemplates: 'skip',
    });
    expect(normalizeScanConfig({}).maxFileBytes).toBe(1_000_000);
    expect(normalizeScanConfig({ maxReceiveCount: { lambda: 6 } }).maxReceiveCount).toEqual({
      lambda: 6,
      other: 5,
    });
  });

  it.each([
    [{ include: 'src/**' }, /include must be an array of glob strings, got "src\/\*\*"/],
    [{ exclude: [1] }, /exclude must be an array/],
    [{ rules: { 'no-such-rule': 'off' } }, /rules\.no-such-rule: unknown rule id/],
    [
      { rules: { 'no-retry': 'loud' } },
      /rules\.no-retry must be "critical", "high", "medium" or "off", got "loud"/,
    ],
    [{ maxFileBytes: -1 }, /maxFileBytes must be a positive number, got -1/],
    [{ maxReceiveCount: 3 }, /maxReceiveCount must be an object such as/],
    [
      { localTemplate: 'report' },
      /^unknown config key "localTemplate"; did you mean "localTemplates"\? Valid: include, exclude, rules, maxFileBytes, maxReceiveCount, localTemplates$/,
    ],
    [{ colour: 'red' }, /^unknown config key "colour". Valid: include, exclude/],
    [
      { maxReceiveCount: { lamda: 5 } },
      /maxReceiveCount\.lamda: unknown consumer type; use "lambda" or "other"/,
    ],
    [{ maxReceiveCount: { other: 0 } }, /maxReceiveCount\.other must be an integer from 1 to 1000/],
    [{ maxReceiveCount: { lambda: 2.5 } }, /maxReceiveCount\.lambda must be an integer from 1 to 1000/],
    [{ maxReceiveCount: { lambda: Number.NaN } }, /maxReceiveCount\.lambda must be an integer/],
    [{ localTemplates: 'hide' }, /localTemplates must be "skip" or "report", got "hide"/],
  ])('rejects %j with a TypeError naming the field', (config, message) => {
    // Act / Assess
    expect(() => normalizeScanConfig(config as never)).toThrow(TypeError);
    expect(() => normalizeScanConfig(config as never)).toThrow(message);
  });

  it('reads bulwark.config.json from the root and rejects invalid JSON', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-config-'));
    writeFileSync(join(dir, 'bulwark.config.json'), JSON.stringify({ rules: { 'console-logging': 'off' } }));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');

    // Act
    const config = loadScanConfig(dir);

    // Assess
    expect(config.rules.get('console-logging')).toBe('off');
    expect(() => loadScanConfig(dir, bad)).toThrow(/is not valid JSON/);
    expect(() => loadScanConfig(dir, join(dir, 'missing.json'))).toThrow(/config file not found/);
  });
});
