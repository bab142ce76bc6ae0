import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledOr } from './bundledModule.js';

describe('bundledOr', () => {
  it('names the bundle when the build wrote it', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-bundled-'));
    writeFileSync(join(dir, 'scan.bundle.js'), '');
    const from = pathToFileURL(join(dir, 'bin.js')).href;

    // Act
    const url = bundledOr(from, './scan.bundle.js', './scan/main.js');

    // Assess
    expect(url).toBe(pathToFileURL(join(dir, 'scan.bundle.js')).href);
  });

  it('falls back to the per-file module when there is no bundle', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-bundled-'));
    const from = pathToFileURL(join(dir, 'bin.js')).href;

    // Act
    const url = bundledOr(from, './scan.bundle.js', './scan/main.js');

    // Assess
    expect(url).toBe(pathToFileURL(join(dir, 'scan', 'main.js')).href);
  });
});
