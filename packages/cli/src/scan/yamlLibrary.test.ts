import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { yamlFrom } from './yamlLibrary.js';

describe('yamlFrom', () => {
  it('loads the one-file build beside the module when the build wrote it', () => {
    // Prepare: a folder holding a module and a stand-in bundle.
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-yaml-'));
    writeFileSync(join(dir, 'yaml.bundle.cjs'), 'module.exports = { fromBundle: true };');

    // Act
    const loaded = yamlFrom(pathToFileURL(join(dir, 'yamlLibrary.js')).href) as unknown;

    // Assess
    expect(loaded).toEqual({ fromBundle: true });
  });

  it('loads the package when there is no bundle (sources, a build without the bundling step)', () => {
    // Act
    const { parseDocument } = yamlFrom(import.meta.url);

    // Assess
    expect(parseDocument('Resources:\n  Queue:\n    Type: AWS::SQS::Queue').toJS()).toEqual({
      Resources: { Queue: { Type: 'AWS::SQS::Queue' } },
    });
  });
});
