// How a helper's expressions read at one call (text), and which stems a function's paths give (linkOfPaths).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { linkOfPaths } from './cdkHandlers.js';
import { type CallValues, text, topFunction } from './cdkImportedHelpers.js';

function context(file: string, source: string): ModuleContext {
  return contextOf(source, file);
}

/** The helper `make`'s first returned-object `handler` read at the first call of `make` in `site`. */
function handlerAt(helperSource: string, siteSource: string): string | undefined {
  const mod = context('/app/lib/shared/lambda.ts', helperSource);
  const site = context('/app/lib/stack.ts', siteSource);
  const helper = topFunction(mod, 'make') as Node;
  const call = site.of('CallExpression')[0] as Node;
  const values: CallValues = { site, params: helper.params as Node[], args: call.arguments as Node[] };
  const handler = mod.of('Property').find((p) => (p.key as Node).name === 'handler');
  return text(mod, handler?.value as Node, values);
}

describe('text', () => {
  it.each([
    [
      'a member of an object parameter',
      'export function make(p) { return { handler: p.entry + ".handler" } }',
      "make({ entry: 'worker' })",
      'worker.handler',
    ],
    [
      'a destructured key',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the helper's source text holds a template literal
      'export function make({ entry }) { return { handler: `${entry}.main` } }',
      "make({ entry: 'worker' })",
      'worker.main',
    ],
    [
      'a positional parameter with a module constant',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the helper's source text holds a template literal
      'const dir = "src"; export const make = (s, id, entry) => ({ handler: `${dir}/${entry}.handler` })',
      "make(this, 'W', 'worker')",
      'src/worker.handler',
    ],
    [
      'a default the call leaves out',
      'export function make(p) { return { handler: p.handler ?? "index.handler" } }',
      'make({})',
      'index.handler',
    ],
    [
      'a value the call cannot tell',
      'export function make(p) { return { handler: p.entry + ".handler" } }',
      'make({ entry: name })',
      undefined,
    ],
  ])('%s', (_, helper, site, expected) => {
    expect(handlerAt(helper, site)).toBe(expected);
  });
});

describe('linkOfPaths', () => {
  it('tries a build folder as itself, without it, and as src', () => {
    const link = linkOfPaths(
      '/nowhere/infra/lib/stack.ts',
      { dir: '/nowhere/lambdas/dist', handler: 'worker.handler' },
      'no-work',
    );
    expect(link?.stems).toEqual([
      '/nowhere/lambdas/dist/worker',
      '/nowhere/lambdas/worker',
      '/nowhere/lambdas/src/worker',
    ]);
    expect(link?.export).toBe('handler');
  });

  it('reads a bundled entry with its export, or handler', () => {
    expect(linkOfPaths('/nowhere/lib/stack.ts', { entry: '/nowhere/src/a.ts' }, 'no-work')).toEqual({
      stems: ['/nowhere/src/a'],
      export: 'handler',
      clearWhen: 'no-work',
    });
  });
});
