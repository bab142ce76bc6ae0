import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { factoryOwner } from './factoryMethods.js';
import type { ModuleContext } from './ModuleContext.js';
import { contextOf as parsedContext } from './testing/parsed.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, '/app/api.ts');
}

/** The `fetch(...)` call whose first argument is the string `url`. */
function fetchOf(ctx: ModuleContext, url: string): Node {
  const call = ctx
    .of('CallExpression')
    .find((c) => (c.arguments as Node[])[0]?.value === url || ctx.source.slice(c.start, c.end).includes(url));
  if (call === undefined) throw new Error(`no fetch of ${url}`);
  return call;
}

describe('factoryOwner', () => {
  it('names the exported factory, its declared type and the names that only build the object', () => {
    // Prepare
    const ctx = contextOf(`
      export interface Api { get(): Promise<unknown>; list(): Promise<unknown> }
      export const createApi = (): Api => {
        const base = process.env.URL;
        return {
          get: async () => fetch('/one'),
          async list() { return fetch('/all'); },
        };
      };`);

    // Act
    const one = factoryOwner(ctx, fetchOf(ctx, '/one'));
    const all = factoryOwner(ctx, fetchOf(ctx, '/all'));

    // Assess
    expect(one).toEqual({ owner: 'createApi', outerNames: new Set(['createApi']), returnType: 'Api' });
    expect(all?.owner).toBe('createApi');
  });

  it('reads an arrow that returns the object literal itself, and a Promise of the declared type', () => {
    // Prepare
    const ctx = contextOf(`
      interface Store { put(): Promise<unknown> }
      export async function makeStore(): Promise<Store> { return { put: () => fetch('/put') }; }
      export const makeReader = () => ({ read: () => fetch('/read') });`);

    // Act
    const put = factoryOwner(ctx, fetchOf(ctx, '/put'));
    const read = factoryOwner(ctx, fetchOf(ctx, '/read'));

    // Assess
    expect(put).toEqual({ owner: 'makeStore', outerNames: new Set(['makeStore']), returnType: 'Store' });
    expect(read).toEqual({ owner: 'makeReader', outerNames: new Set(['makeReader']) });
  });

  it('leaves alone objects no exported factory returns, and methods of module-level objects', () => {
    // Prepare
    const ctx = contextOf(`
      const local = () => ({ get: () => fetch('/local') });
      export const api = { get: () => fetch('/constant') };
      export function handler() { const o = { go: () => fetch('/kept') }; return o.go(); }`);

    // Act, Assess
    expect(factoryOwner(ctx, fetchOf(ctx, '/local'))).toBeUndefined();
    expect(factoryOwner(ctx, fetchOf(ctx, '/constant'))).toBeUndefined();
    expect(factoryOwner(ctx, fetchOf(ctx, '/kept'))).toBeUndefined();
  });
});
