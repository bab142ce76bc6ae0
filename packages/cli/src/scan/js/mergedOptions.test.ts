// What mergedProps reads of options built from pieces: spreads of literals, and pieces spread only when a
// condition holds (`...(body && { body })`).
import { describe, expect, it } from 'vitest';
import { mergedProps } from './mergedOptions.js';
import { contextOf, firstOfType } from './testing/parsed.js';

/** The keys mergedProps reads of the outermost object literal in `source`, or undefined when out of sight. */
function keys(source: string): string[] | undefined {
  const ctx = contextOf(source);
  const props = mergedProps(ctx, firstOfType(source, 'ObjectExpression'));
  return props === undefined ? undefined : [...props.keys()].sort();
}

describe('mergedProps', () => {
  it('reads a piece spread only when a condition holds', () => {
    expect(keys("const o = { method: 'GET', ...(body && { body: JSON.stringify(body) }) };")).toEqual([
      'body',
      'method',
    ]);
    expect(keys('const o = { url, ...(Object.keys(b || {}).length > 0 && { data: b }) };')).toEqual([
      'data',
      'url',
    ]);
  });

  it('leaves a conditional piece out of sight when it is a name, or `||`/`??`/`?:` may spread another object', () => {
    expect(keys("const o = { method: 'GET', ...(extras && extras) };")).toBeUndefined();
    expect(keys("const o = { method: 'GET', ...(extras || {}) };")).toBeUndefined();
    expect(keys("const o = { method: 'GET', ...(extras ?? {}) };")).toBeUndefined();
    expect(keys("const o = { method: 'GET', ...(flag ? extras : {}) };")).toBeUndefined();
  });

  it('reads a key of a conditional piece as present only when the condition holds', () => {
    const source =
      "const o = { method: 'GET', ...(ms !== undefined && { signal: AbortSignal.timeout(ms) }) };";
    const props = mergedProps(contextOf(source), firstOfType(source, 'ObjectExpression'));
    expect(props?.get('method')?.type).toBe('Literal');
    expect(props?.get('signal')?.type).toBe('ConditionalExpression');
  });
});
