// floatingMessage and importedMapCall: a `.map` statement whose callback answers an imported call is
// asked about that import, and its finding says what each item starts.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { floatingMessage } from './floatingMessage.js';
import { importedMapCall } from './floatingShapes.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

/** The `.map(...)` calls written as statements, with their module. */
function mapStatements(source: string): { ctx: ModuleContext; calls: Node[] } {
  const ctx = contextOf(source);
  const calls = ctx
    .of('ExpressionStatement')
    .map((s) => s.expression as Node)
    .filter((e) => e.type === 'CallExpression' && e.callee.property?.name === 'map');
  return { ctx, calls };
}

describe('importedMapCall', () => {
  it('names the import a statement map callback answers, with an expression or a one-return body', () => {
    const { ctx, calls } = mapStatements(
      [
        "const { send } = require('/opt/nodejs/kit');",
        "import { push } from './bridge';",
        'files.map((f) => send(f));',
        'files.map(function (f) { return push(f); });',
      ].join('\n'),
    );
    expect(calls.map((c) => importedMapCall(ctx, c))).toEqual([
      { source: '/opt/nodejs/kit', name: 'send' },
      { source: './bridge', name: 'push' },
    ]);
    expect(floatingMessage(ctx, calls[0] as Node, false)).toMatch(
      /^files\.map\(\.\.\. => send\(\.\.\.\)\) starts one send per item/,
    );
  });

  it('leaves local functions, node built-ins, namespaces and longer bodies alone', () => {
    const { ctx, calls } = mapStatements(
      [
        "import { readFile } from 'node:fs/promises';",
        "import * as kit from './kit';",
        "import { send } from './bridge';",
        'const local = (f) => f;',
        'files.map((f) => local(f));',
        'files.map((f) => readFile(f));',
        'files.map((f) => kit.send(f));',
        'files.map((f) => { log(f); return send(f); });',
      ].join('\n'),
    );
    expect(calls.map((c) => importedMapCall(ctx, c))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
