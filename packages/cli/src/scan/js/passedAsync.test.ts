// Which exported parameter a called parameter stands for (paramSlots), and what a module's calls hand an
// imported function (passedFunctions): the two halves the project pass joins for floating-promise.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { findExports } from './exportDiscovery.js';
import { ModuleContext } from './ModuleContext.js';
import { paramSlots, passedFunctions } from './passedAsync.js';

function contextOf(source: string): ModuleContext {
  const parsed = parseSync('/app/m.ts', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('/app/m.ts', source, parsed.program as unknown as Node, parsed.comments);
  findExports(ctx);
  return ctx;
}

/** paramSlots for the first call of `respond` in `source`. */
function slots(source: string) {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => (c.callee as Node).name === 'respond') as Node;
  return paramSlots(ctx, call.callee as Node);
}

describe('paramSlots', () => {
  it.each([
    [
      'an exported function',
      'export const route = (p, respond) => { respond(p); };',
      [{ name: 'route', index: 1 }],
    ],
    [
      'forwarded through a wrapper const to an export',
      'const core = (p, respond) => { respond(p); };\nconst w = withEnv(["T"])(core);\nexport const route = (a, b) => w(a, b);',
      [{ name: 'route', index: 1 }],
    ],
    [
      'a local caller hands an async function',
      'export const route = (p, respond) => { respond(p); };\nexport const h = () => route(1, async () => {});',
      [{ name: 'route', index: 1 }],
    ],
  ])('%s', (_, source, expected) => {
    expect(slots(source)).toEqual(expected);
  });

  it.each([
    [
      'a local caller hands a sync function',
      'export const route = (p, respond) => { respond(p); };\nexport const h = () => route(1, () => 1);',
    ],
    [
      'the function is handed along as a value',
      'const core = (p, respond) => { respond(p); };\nregister(core);',
    ],
    [
      'the wrapper is handed along',
      'const core = (p, respond) => { respond(p); };\nconst w = withEnv(core);\nexport default w;',
    ],
    ['not exported, never called', 'const core = (p, respond) => { respond(p); };'],
    [
      'the parameter has a declared type',
      'export const route = (p, respond: () => void) => { respond(p); };',
    ],
  ])('none when %s', (_, source) => {
    expect(slots(source)).toBeUndefined();
  });
});

describe('passedFunctions', () => {
  it('records the positions of async and other functions handed to an imported project function', () => {
    const ctx = contextOf(
      "import { route } from './router.js';\nconst reply = async (s, r) => {};\nexport function run(stream) { return route({}, reply, stream, () => 1); }",
    );
    expect(passedFunctions(ctx)).toEqual([
      { source: './router.js', name: 'route', async: [1], other: [2, 3], reach: ['run'] },
    ]);
  });

  it('leaves out packages and calls that hand no function', () => {
    const ctx = contextOf(
      "import { route } from './router.js';\nimport pino from 'pino';\nexport function run() { pino(async () => {}); return route({}, 1); }",
    );
    expect(passedFunctions(ctx)).toEqual([]);
  });
});
