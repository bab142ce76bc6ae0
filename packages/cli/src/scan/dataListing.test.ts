import { describe, expect, it } from 'vitest';
import { listsDataOnly } from './dataListing.js';

describe('listsDataOnly', () => {
  it('accepts a listing filtered at once to deploy outputs in JSON', () => {
    // Prepare
    const rest = ')).filter(fn => fn.endsWith("_outputs.json"))';

    // Act
    const only = listsDataOnly(rest);

    // Assess
    expect(only).toBe(true);
  });

  it('accepts YAML and parenthesised parameters', () => {
    expect(listsDataOnly(").filter((f) => f.endsWith('.yaml'))")).toBe(true);
  });

  it('keeps a listing filtered to code modules', () => {
    expect(listsDataOnly(").filter((f) => f.endsWith('.js'))")).toBe(false);
    expect(listsDataOnly(").filter((f) => f.endsWith('Handler'))")).toBe(false);
  });

  it('keeps an unfiltered listing and a filter on another name', () => {
    expect(listsDataOnly(').map((f) => require(f))')).toBe(false);
    expect(listsDataOnly(').filter((f) => g.endsWith(".json"))')).toBe(false);
  });

  it('keeps a filter built from a template expression', () => {
    const dollar = '$';
    expect(listsDataOnly(`).filter((f) => f.endsWith(\`${dollar}{ext}.json\`))`)).toBe(false);
  });
});
