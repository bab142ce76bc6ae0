import { describe, expect, it } from 'vitest';
import { calleeName, type Node, objectProps } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { tabledMethod } from './tabledMethod.js';
import { contextOf } from './testing/parsed.js';

/** The `method` option's value of the module's `fetch(url, options)` call. */
function methodValue(ctx: ModuleContext): Node | undefined {
  const call = ctx.of('CallExpression').find((c) => calleeName(c) === 'fetch');
  return objectProps((call?.arguments as Node[] | undefined)?.[1])?.props.get('method');
}

function methodIn(source: string, file = 'm.ts'): string | undefined {
  const ctx = contextOf(source, file);
  return tabledMethod(ctx, methodValue(ctx));
}

describe('tabledMethod', () => {
  it('reads the member name of a table destructured from a package import', () => {
    const src = `const { constants } = require('shared-api');
const { httpActions: VERBS } = constants;
exports.f = () => fetch(u, { method: VERBS.get });`;
    expect(methodIn(src, 'm.js')).toBe('GET');
  });

  it('reads an imported enum member', () => {
    expect(methodIn(`import { Verbs } from './verbs'; fetch(u, { method: Verbs.PUT });`)).toBe('PUT');
  });

  it('reads a module enum member by its string value, not its name', () => {
    expect(methodIn(`enum M { GET = 'GET' } fetch(u, { method: M.GET });`)).toBe('GET');
    expect(methodIn(`enum M { GET = 'POST' } fetch(u, { method: M.GET });`)).toBe('POST');
  });

  it('reads a module object table by its string, and is silent when the table does not spell one', () => {
    expect(methodIn(`const T = { get: 'GET' }; fetch(u, { method: T.get });`)).toBe('GET');
    expect(methodIn(`const T = { get: 'POST' }; fetch(u, { method: T.get });`)).toBe('POST');
    expect(methodIn(`const T = { get: pick() }; fetch(u, { method: T.get });`)).toBeUndefined();
  });

  it('is silent for a parameter, a local, a computed member or a word that is no verb', () => {
    expect(methodIn(`function f(opts) { return fetch(u, { method: opts.get }); }`)).toBeUndefined();
    expect(
      methodIn(`function f() { const T = load(); return fetch(u, { method: T.get }); }`),
    ).toBeUndefined();
    expect(methodIn(`import { V } from 'v'; fetch(u, { method: V['get'] });`)).toBeUndefined();
    expect(methodIn(`import { req } from 'v'; fetch(u, { method: req.method });`)).toBeUndefined();
  });
});
