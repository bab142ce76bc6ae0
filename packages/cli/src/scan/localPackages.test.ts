import { describe, expect, it } from 'vitest';
import { declaredRange, rangeAccepts } from './localPackages.js';

describe('rangeAccepts', () => {
  it('links a local package only when its version satisfies the declared range', () => {
    expect(rangeAccepts('^0.1.18', '0.1.20')).toBe(true);
    expect(rangeAccepts('^0.1.18', '0.2.0')).toBe(false);
    expect(rangeAccepts('^10.3.0', '6.3.3')).toBe(false);
    expect(rangeAccepts('~1.4.0', '1.4.9')).toBe(true);
    expect(rangeAccepts('~1.4.0', '1.5.0')).toBe(false);
    expect(rangeAccepts('2026.8.6-1', '2026.8.6-1')).toBe(true);
    expect(rangeAccepts('>=1.0.0 <2.0.0', '1.9.0')).toBe(true);
    expect(rangeAccepts('^1.0.0 || ^2.0.0', '2.3.0')).toBe(true);
    expect(rangeAccepts('1.x', '1.7.2')).toBe(true);
    expect(rangeAccepts('workspace:^', '0.0.1')).toBe(true);
    expect(rangeAccepts('*', '3.0.0')).toBe(true);
  });

  it('reads the range from any dependency list', () => {
    expect(declaredRange({ devDependencies: { '@a/lib': '^1.0.0' } }, '@a/lib')).toBe('^1.0.0');
    expect(declaredRange({ dependencies: {} }, '@a/lib')).toBeUndefined();
  });
});
