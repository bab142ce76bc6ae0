import { describe, expect, it } from 'vitest';
import { readsDeep } from './bodyReads.js';

describe('readsDeep', () => {
  it.each([
    ['a loop over a field', 'for (const protocol of config.protocols) add(protocol);', true],
    ['a loop over the body itself', 'for (const coin of config) add(coin);', true],
    ['an array spread of a field', 'return [...config.items];', true],
    ['a field read two deep, as before', 'return config.results.map(toRow);', true],
    [
      'a loop over a field tested first (trap)',
      'if (!config.protocols) return []; for (const p of config.protocols) add(p);',
      false,
    ],
    ['a for...in over the body (trap)', 'for (const key in config) add(key);', false],
    ['an object spread (trap)', 'return { ...config, at: now };', false],
    ['a loop over another name ending in it (trap)', 'for (const p of myconfig.protocols) add(p);', false],
  ])('%s', (_name, text, deep) => {
    // Assess
    expect(readsDeep(text, 'config')).toBe(deep);
  });
});
