import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { doesNothing, noopSteps } from './noopCalls.js';

/** doesNothing of the module's first statement's function (a declaration, or a const's arrow). */
function firstDoesNothing(source: string): boolean {
  const ctx = contextOf(source);
  const first = ctx.program.body[0] as Node;
  const fn = first.type === 'VariableDeclaration' ? (first.declarations as Node[])[0]?.init : first;
  return doesNothing((fn?.type === 'ExportNamedDeclaration' ? fn.declaration : fn) as Node);
}

describe('doesNothing', () => {
  it.each([
    ['returns on its first line', 'function n(m) { return; return web.chat.postMessage(m); }', true],
    ['an async one that only logs', 'async function n(m) { console.log(m); }', true],
    [
      'returns undefined after a local read',
      'const n = (m) => { const c = process.env.C; return undefined; send(c, m); };',
      true,
    ],
    ['posts (trap)', 'async function n(m) { await web.chat.postMessage(m); }', false],
    [
      'returns early only when unset (trap)',
      'function n(m) { if (!process.env.C) return; return post(m); }',
      false,
    ],
    ['returns a value (trap)', 'function n(m) { return post(m); }', false],
    ['an arrow that answers a call (trap)', 'const n = (m) => post(m);', false],
  ])('%s', (_name, source, nothing) => {
    // Assess
    expect(firstDoesNothing(source)).toBe(nothing);
  });
});

describe('noopSteps', () => {
  it('names a local no-op call and a project import, and leaves a package import and a live local helper', () => {
    // Prepare
    const ctx = contextOf(
      [
        "import { sendSlackMessage } from '@lib/slack';",
        "import { captureLater } from 'some-package';",
        'function paused(m) { return; post(m); }',
        'async function live(m) { await post(m); }',
        'async function f() {',
        '  try { await load(); } catch (e) {',
        '    await sendSlackMessage(e); paused(e); await captureLater(e); await live(e);',
        '  }',
        '}',
      ].join('\n'),
    );
    const handler = ctx.of('CatchClause')[0] as Node;

    // Act
    const steps = noopSteps(ctx, (handler.body as Node).body as Node[]);

    // Assess
    expect(steps?.statements.length).toBe(2);
    expect(steps?.imports).toEqual([{ from: 'm.ts', source: '@lib/slack', name: 'sendSlackMessage' }]);
  });
});
