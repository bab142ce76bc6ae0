import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from './textFile.js';

describe('readText', () => {
  it('answers the text of a file and undefined for a missing one or a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-text-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"name":"@acme/api"}');
      expect(readText(join(dir, 'package.json'))).toBe('{"name":"@acme/api"}');
      expect(readText(join(dir, 'absent.json'))).toBeUndefined();
      expect(readText(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
