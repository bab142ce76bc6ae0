// spreadProps: an object literal's properties with its spreads read by the caller, in JavaScript's order.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { spreadProps } from './spreadProps.js';

/** The object literal of `x = <text>;`. */
function objectOf(text: string): Node {
  const parsed = parseSync('o.ts', `x = ${text};`, { lang: 'ts' } as Parameters<typeof parseSync>[2]);
  return (parsed.program.body[0] as unknown as Node).expression.right as Node;
}

/** The keys read, and the source of each value, with `base` spreading `{ json, url }` and anything else unread. */
function read(text: string): Record<string, string> | undefined {
  const base = objectOf("{ json: true, url: 'a' }");
  const props = spreadProps(objectOf(text), (arg) =>
    arg.type === 'Identifier' && arg.name === 'base' ? spreadProps(base, () => undefined) : undefined,
  );
  return props === undefined
    ? undefined
    : Object.fromEntries([...props].map(([k, v]) => [k, String(v.value ?? v.name)]));
}

describe('spreadProps', () => {
  it('reads a spread where it stands: a later key overrides it, an earlier one is overridden', () => {
    expect(read("{ url: 'early', ...base, timeout: 5 }")).toEqual({ url: 'a', json: 'true', timeout: '5' });
    expect(read("{ ...base, url: 'late' }")).toEqual({ json: 'true', url: 'late' });
  });

  it('takes a shorthand property as its name', () => {
    expect(read('{ agent }')).toEqual({ agent: 'agent' });
  });

  it('is undefined when a spread or a computed key cannot be read', () => {
    expect(read('{ ...other, url: 1 }')).toBeUndefined();
    expect(read('{ [key]: 1 }')).toBeUndefined();
  });
});
