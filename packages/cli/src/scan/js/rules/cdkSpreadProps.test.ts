// A CDK function whose props spread an imported helper's defaults: its handler is read in the helper, with the
// call's arguments, through a helpers barrel too; and the keys the spread brings are known.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { spreadKeys, spreadPropsLink } from './cdkSpreadProps.js';

const root = mkdtempSync(join(tmpdir(), 'spread-props-'));
mkdirSync(join(root, 'src/helpers'), { recursive: true });
mkdirSync(join(root, 'src/stacks'), { recursive: true });
writeFileSync(join(root, 'src/helpers/index.ts'), "export * from './defaults';\n");
writeFileSync(
  join(root, 'src/helpers/defaults.ts'),
  [
    "import * as path from 'node:path';",
    'export const defaults = (scope, name) => {',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the helper's source text holds a template literal
    "  return { runtime: 'nodejs20.x', entry: path.join(__dirname, `../functions/${name}/index.ts`), handler: 'handler' };",
    '};',
    'export const opaque = (scope, name) => ({ ...base(name), handler: name });',
  ].join('\n'),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The props object of the first `new NodejsFunction(...)` of a stack whose body is `body`. */
function propsOf(body: string) {
  const file = join(root, 'src/stacks/orders.ts');
  const ctx = contextOf(`import { defaults, opaque } from '../helpers';\n${body}`, file);
  const fn = ctx.of('NewExpression')[0] as Node;
  return { ctx, props: (fn.arguments as Node[])[2] };
}

describe('spreadPropsLink', () => {
  it('reads the entry the helper builds from the call, through the barrel', () => {
    // Arrange
    const { ctx, props } = propsOf(
      "new NodejsFunction(this, 'F', { ...defaults(this, 'orderStream'), timeout });",
    );

    // Act
    const link = spreadPropsLink(ctx, props, 'reported-in-code');

    // Assess
    expect(link).toEqual({
      stems: [join(root, 'src/functions/orderStream/index')],
      export: 'handler',
      clearWhen: 'reported-in-code',
    });
  });

  it('leaves props that name their own entry, and a helper that writes no code place', () => {
    // Arrange
    const own = propsOf("new NodejsFunction(this, 'F', { ...defaults(this, 'a'), entry: 'src/b.ts' });");
    const opaque = propsOf("new NodejsFunction(this, 'F', { ...opaque(this, 'a') });");

    // Act / Assess
    expect(spreadPropsLink(own.ctx, own.props, 'no-work')).toBeUndefined();
    expect(spreadPropsLink(opaque.ctx, opaque.props, 'no-work')).toBeUndefined();
  });
});

describe('spreadKeys', () => {
  it("knows a helper's keys, and nothing when the helper spreads something itself", () => {
    // Arrange
    const known = propsOf("new NodejsFunction(this, 'F', { ...defaults(this, 'a') });");
    const unknown = propsOf("new NodejsFunction(this, 'F', { ...opaque(this, 'a') });");

    // Act / Assess
    expect([...(spreadKeys(known.ctx, known.props) ?? [])].sort()).toEqual(['entry', 'handler', 'runtime']);
    expect(spreadKeys(unknown.ctx, unknown.props)).toBeUndefined();
  });
});
