import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
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

  it.each([
    ['older than the bundle', 1_000, 2_000, 'scan.bundle.js'],
    ['newer than the bundle (tsc -b ran after the bundling)', 2_000, 1_000, 'scan/main.js'],
  ])('with a build-info file %s, names the right module', (_when, infoTime, bundleTime, expected) => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-bundled-'));
    writeFileSync(join(dir, 'scan.bundle.js'), '');
    writeFileSync(join(dir, 'build.tsbuildinfo'), '');
    utimesSync(join(dir, 'build.tsbuildinfo'), infoTime, infoTime);
    utimesSync(join(dir, 'scan.bundle.js'), bundleTime, bundleTime);
    const from = pathToFileURL(join(dir, 'bin.js')).href;

    // Act
    const url = bundledOr(from, './scan.bundle.js', './scan/main.js', './build.tsbuildinfo');

    // Assess
    expect(url).toBe(pathToFileURL(join(dir, expected)).href);
  });

  it('uses the bundle when the build-info file is absent (an installed package)', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-bundled-'));
    writeFileSync(join(dir, 'scan.bundle.js'), '');
    const from = pathToFileURL(join(dir, 'bin.js')).href;

    // Act
    const url = bundledOr(from, './scan.bundle.js', './scan/main.js', './build.tsbuildinfo');

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
