import { describe, expect, it } from 'vitest';
import { passedOnAs } from './reExports.js';

describe('passedOnAs', () => {
  it('passes every name on through `export * from`', () => {
    expect(passedOnAs({ source: './a' }, 'save')).toBe('save');
  });

  it('maps a renamed export to its local, and names it does not pass to undefined', () => {
    const re = { source: './a', names: [['save', 'saveOrder'] as [string, string]] };
    expect(passedOnAs(re, 'save')).toBe('saveOrder');
    expect(passedOnAs(re, 'saveOrder')).toBeUndefined();
  });
});
