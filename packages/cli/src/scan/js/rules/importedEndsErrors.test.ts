// Which members of an exported value endedFailures names as ending their own failures: through a try of
// their own, or through an exported helper of the module they await that does.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { endedFailures } from './importedEndsErrors.js';

/** endedFailures of the module's exported class `Audit`. */
function endedOf(source: string): string[] | undefined {
  const ctx = contextOf(source);
  const cls = (ctx.program.body as Node[])
    .map((s) => s.declaration as Node | undefined)
    .find((d) => d?.type === 'ClassDeclaration' && d.id?.name === 'Audit');
  return cls === undefined ? undefined : endedFailures(ctx, cls);
}

/** An exported helper named `name` whose own catch ends its failures. */
const helperNamed = (name: string): string =>
  [
    `export async function ${name}(e) {`,
    '  try {',
    '    await fetch("https://audit.example", { method: "POST", body: e });',
    '  } catch (err) {',
    '    console.error(err);',
    '  }',
    '}',
  ].join('\n');

const HELPER = helperNamed('send');

describe('endedFailures', () => {
  it('names a method with its own try, and one with no catch that awaits a helper ending its failures', () => {
    const source = [
      HELPER,
      'export class Audit {',
      '  async own(e) {',
      '    try { await fetch("https://a.example", { body: e }); } catch (err) { console.error(err); }',
      '  }',
      '  async viaHelper(e) {',
      '    await send(e);',
      '  }',
      '  async bare(e) {',
      '    await fetch("https://b.example", { body: e });',
      '  }',
      '}',
    ].join('\n');
    expect(endedOf(source)).toEqual(['own', 'viaHelper']);
  });

  it('names a method whose helper awaits another that ends its failures, two calls deep', () => {
    const source = [
      helperNamed('post'),
      'export async function send(e) {',
      '  await post(e);',
      '}',
      'export class Audit {',
      '  async twoDeep(e) {',
      '    await send(e);',
      '  }',
      '}',
    ].join('\n');
    expect(endedOf(source)).toEqual(['twoDeep']);
  });

  it('leaves out a method with no catch anywhere beside one with its own', () => {
    const source = [
      'export class Audit {',
      '  async own(e) {',
      '    try { await fetch("https://a.example", { body: e }); } catch (err) { console.error(err); }',
      '  }',
      '  async bare(e) {',
      '    await fetch("https://b.example", { body: e });',
      '  }',
      '}',
    ].join('\n');
    expect(endedOf(source)).toEqual(['own']);
  });
});
