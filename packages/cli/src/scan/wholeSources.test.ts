import { describe, expect, it } from 'vitest';
import { WholeSources } from './wholeSources.js';

describe('WholeSources', () => {
  it('lists re-exported sources and namespaces used whole, not a namespace read by member', () => {
    // Prepare
    const whole = new WholeSources();
    const text =
      "export * from './orders';\nimport * as n from './n';\nimport * as m from './m';\nawait n[kind](id);\nm.one();";

    // Act
    const sources = whole.of('/app/a.ts', text);

    // Assess
    expect(sources).toEqual(['./orders', './n']);
  });

  // The caller reads each file's text once, so the file names the answer; a second ask must not read again.
  it('remembers the answer per file', () => {
    // Prepare
    const whole = new WholeSources();
    const first = whole.of('/app/a.ts', "export * from './orders';");

    // Act
    const again = whole.of('/app/a.ts', "export * from './orders';");

    // Assess
    expect(again).toBe(first);
    expect(whole.of('/app/b.ts', 'const x = 1;')).toEqual([]);
  });
});
