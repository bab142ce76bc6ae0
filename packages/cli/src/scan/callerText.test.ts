import { describe, expect, it } from 'vitest';
import { callsName } from './callerText.js';

describe('callsName', () => {
  it('finds member calls, awaited calls and calls in arrow bodies', () => {
    // Prepare
    const texts = [
      'await api.fetchAll({ limit: 5 })',
      'ctx.step("x", async () => fetchAll())',
      'return fetchAll(1)',
    ];

    // Act
    const found = texts.map((t) => callsName(t, ['fetchAll']));

    // Assess
    expect(found).toEqual([true, true, true]);
  });

  it('does not take a definition of the same name for a call', () => {
    // Prepare
    const texts = [
      'function fetchAll(opts) {\n  return 1;\n}',
      'class A {\n  async fetchAll(opts: Options): Promise<Page> {\n  }\n}',
      'interface Api {\n  fetchAll(opts?: Options): Promise<Page>\n}',
    ];

    // Act
    const found = texts.map((t) => callsName(t, ['fetchAll']));

    // Assess
    expect(found).toEqual([false, false, false]);
  });

  it('reads a bare call of a name the module defines itself as that local function', () => {
    // Prepare
    const local = 'const getMessage = (c) => c.next();\nawait getMessage(client);';
    const member = 'const getMessage = (c) => c.next();\nawait api.getMessage(id);';

    // Act
    const found = [callsName(local, ['getMessage']), callsName(member, ['getMessage'])];

    // Assess
    expect(found).toEqual([false, true]);
  });
});
