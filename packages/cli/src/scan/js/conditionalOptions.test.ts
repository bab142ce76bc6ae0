// Options picked by a ternary: each branch read as the options of its own request, for the method
// (no-retry) and the timeout (http-no-timeout).
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { agreed, optionBranches } from './conditionalOptions.js';
import { methodOrGet } from './requestMethod.js';
import { optionsBound } from './rules/httpTimeoutOptions.js';
import { contextOf } from './testing/parsed.js';

/** The context of `source` and the options (second argument) of its `fetch(...)` call. */
function fetchOptions(source: string) {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => (c.callee as Node).name === 'fetch') as Node;
  return { ctx, options: (call.arguments as Node[])[1] };
}

describe('optionBranches', () => {
  it('reads the branches of a ternary, through a const and nested ternaries, a nothing branch as undefined', () => {
    const { ctx, options } = fetchOptions(
      'const init = a ? { headers } : b ? {} : undefined;\nfetch(url, init);',
    );
    const branches = optionBranches(ctx, options);
    expect(branches?.map((b) => b?.type)).toEqual(['ObjectExpression', 'ObjectExpression', undefined]);
  });

  it('is undefined for options that are no ternary', () => {
    const { ctx, options } = fetchOptions('fetch(url, { headers });');
    expect(optionBranches(ctx, options)).toBeUndefined();
  });
});

describe('agreed', () => {
  it('answers what every branch answers, else nothing', () => {
    expect(agreed(['GET', 'GET'])).toBe('GET');
    expect(agreed(['GET', 'POST'])).toBeUndefined();
    expect(agreed(['GET', undefined])).toBeUndefined();
  });
});

describe('a ternary of options', () => {
  it('sends GET when no branch names a method, and no known method when one writes', () => {
    const read = fetchOptions("fetch(url, !testnet ? { headers: { 'X-API-KEY': key } } : {});");
    expect(methodOrGet(read.ctx, read.options)).toBe('GET');
    const mixed = fetchOptions("fetch(url, dry ? { method: 'GET' } : { method: 'POST', body });");
    expect(methodOrGet(mixed.ctx, mixed.options)).toBeUndefined();
  });

  it('is unbounded only when no branch bounds it', () => {
    const keys = ['signal'];
    const none = fetchOptions('fetch(url, !testnet ? { headers } : {});');
    expect(optionsBound(none.ctx, none.options, keys)).toBe(false);
    const both = fetchOptions('fetch(url, a ? { signal: s } : { headers, signal: s });');
    expect(optionsBound(both.ctx, both.options, keys)).toBe(true);
    // A branch whose options are out of sight gets the benefit of the doubt.
    const hidden = fetchOptions('fetch(url, a ? { headers } : passed);');
    expect(optionsBound(hidden.ctx, hidden.options, keys)).toBe(true);
  });
});
