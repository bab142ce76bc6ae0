// The qualified name other modules call a namespace's member by, and the caller names built on it.
import { describe, expect, it } from 'vitest';
import { isFunction, type Node, someDescendant } from './ast.js';
import { callerNames } from './callerNames.js';
import { namespacePath } from './namespaceMembers.js';
import { contextOf } from './testing/parsed.js';

/** The module's functions in source order, and its context. */
function functionsOf(source: string) {
  const ctx = contextOf(source, '/app/packages/db/src/domain.ts');
  const fns: Node[] = [];
  someDescendant(ctx.program, (n) => {
    if (isFunction(n)) fns.push(n);
    return false;
  });
  return { ctx, fns };
}

describe('namespacePath', () => {
  it.each([
    ['an exported function', 'export namespace Domain { export async function create() {} }', 'Domain'],
    ['an exported arrow', 'export namespace Domain { export const create = async () => {}; }', 'Domain'],
    [
      'a nested namespace',
      'export namespace Db { export namespace Domain { export function create() {} } }',
      'Db.Domain',
    ],
  ])('names %s by its namespace', (_, source, expected) => {
    const { ctx, fns } = functionsOf(source);
    expect(namespacePath(ctx, fns[0] as Node)).toBe(expected);
  });

  it.each([
    ['a module-level export', 'export async function create() {}'],
    ['a member kept to its namespace', 'export namespace Domain { async function create() {} }'],
    ['a namespace kept to its module', 'namespace Domain { export async function create() {} }'],
    [
      'an inner namespace not exported',
      'export namespace Db { namespace Domain { export function create() {} } }',
    ],
  ])('names nothing for %s', (_, source) => {
    const { ctx, fns } = functionsOf(source);
    expect(namespacePath(ctx, fns[0] as Node)).toBeUndefined();
  });
});

describe('callerNames of a namespace member', () => {
  it('is the qualified call, not any create(', () => {
    // Prepare
    const { ctx } = functionsOf(
      'export namespace OrganizationDomain {\n  export async function create(v) {\n    return db.insert(t).values(v);\n  }\n}\n',
    );
    const insert = ctx.of('CallExpression')[0] as Node;

    // Act / Assess
    expect(callerNames(ctx, insert)).toEqual(['OrganizationDomain.create']);
  });
});
