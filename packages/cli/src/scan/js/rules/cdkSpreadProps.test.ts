// A CDK function whose props spread an imported helper's defaults: its handler is read in the helper (its entry
// or its code asset), with the call's arguments, through helpers barrels too; and the keys the spread brings
// are known. The second half (one fresh project per case) came with the r48-dlq branch's reader.
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
/** The fresh projects of the cases below, removed with `root`. */
const made: string[] = [];
afterAll(() => {
  for (const dir of [root, ...made]) rmSync(dir, { recursive: true, force: true });
});

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

  it('knows the keys of a spread chosen by a condition between literals, whichever branch runs', () => {
    // Arrange
    const ternary = propsOf(
      "new NodejsFunction(this, 'F', { ...(arn ? { layers: [l] } : {}), timeout: t });",
    );
    const and = propsOf("new NodejsFunction(this, 'F', { ...(isProd && { memorySize: 2048 }) });");
    const opaque = propsOf("new NodejsFunction(this, 'F', { ...(isProd ? prodProps : {}) });");

    // Act / Assess
    expect([...(spreadKeys(ternary.ctx, ternary.props) ?? [])]).toEqual(['layers']);
    expect([...(spreadKeys(and.ctx, and.props) ?? [])]).toEqual(['memorySize']);
    expect(spreadKeys(opaque.ctx, opaque.props)).toBeUndefined();
    // Read as local literals: a caller asking for imported helpers' keys only gets none.
    expect(spreadKeys(ternary.ctx, ternary.props, false)).toBeUndefined();
  });
});

const DEFAULTS = `import * as path from 'path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
export const defaults = (_scope, funcName) => {
  return { runtime: Runtime.NODEJS_20_X, entry: path.join(__dirname, \`../functions/\${funcName}/index.ts\`), handler: 'handler' };
};`;

/** A project in a fresh folder: `src/helpers` with `files`, and a stack module in `src/stacks` built from `stack`. */
function project(files: Record<string, string>, stack: string) {
  const dir = mkdtempSync(join(tmpdir(), 'spread-helpers-'));
  made.push(dir);
  writeFileSync(join(dir, 'cdk.json'), '{}');
  mkdirSync(join(dir, 'src/helpers'), { recursive: true });
  mkdirSync(join(dir, 'src/stacks'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'src/helpers', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'src/helpers', name), text);
  }
  const file = join(dir, 'src/stacks/stack.ts');
  writeFileSync(file, stack);
  const ctx = contextOf(stack, file);
  const construct = ctx.of('NewExpression')[0] as Node;
  return { dir, ctx, props: (construct.arguments as Node[])[2] };
}

const STACK = (spread: string, own = '') =>
  `import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { defaults } from '../helpers';
new NodejsFunction(this, 'Payout', { ...${spread}, environment: {}${own} });`;

describe('spreadPropsLink, one project per case', () => {
  it("reads the helper's entry with its parameter standing for the call's argument, through a barrel", () => {
    const { dir, ctx, props } = project(
      { 'index.ts': "export * from './defaults';", 'defaults.ts': DEFAULTS },
      STACK("defaults(this, 'payoutHandler')"),
    );
    const link = spreadPropsLink(ctx, props, 'no-work');
    expect(link?.stems).toContain(join(dir, 'src/functions/payoutHandler/index'));
    expect(link?.export).toBe('handler');
  });

  it("takes the handler the object writes itself over the helper's", () => {
    const { ctx, props } = project(
      { 'index.ts': "export { defaults } from './defaults';", 'defaults.ts': DEFAULTS },
      STACK("defaults(this, 'payoutHandler')", ", handler: 'main'"),
    );
    expect(spreadPropsLink(ctx, props, 'no-work')?.export).toBe('main');
  });

  it('reads a code asset directory in the helper, through two barrels', () => {
    const asset = `import { Code } from 'aws-cdk-lib/aws-lambda';
export const defaults = (_s, name) => ({ code: Code.fromAsset(\`dist/\${name}\`), handler: 'index.main' });`;
    const { dir, ctx, props } = project(
      {
        'index.ts': "export * from './lambda';",
        'lambda/index.ts': "export * from './asset';",
        'lambda/asset.ts': asset,
      },
      STACK("defaults(this, 'payout')"),
    );
    const link = spreadPropsLink(ctx, props, 'no-work');
    expect(link?.stems).toContain(join(dir, 'dist/payout/index'));
    expect(link?.export).toBe('main');
  });

  it('gives nothing for a helper it cannot find', () => {
    const { ctx, props } = project(
      { 'index.ts': "export * from './elsewhere';" },
      STACK("defaults(this, 'x')"),
    );
    expect(spreadPropsLink(ctx, props, 'no-work')).toBeUndefined();
  });
});

describe('spreadKeys, one project per case', () => {
  it("lists the helper object's keys with a local literal spread's", () => {
    const { ctx, props } = project(
      { 'index.ts': "export * from './defaults';", 'defaults.ts': DEFAULTS },
      `const shared = { timeout: 3 };\n${STACK("defaults(this, 'payoutHandler'), ...shared")}`,
    );
    expect([...(spreadKeys(ctx, props) ?? [])].sort()).toEqual(['entry', 'handler', 'runtime', 'timeout']);
  });

  it('is unknown when the helper spreads something of its own it cannot read', () => {
    const helper = `import { Runtime } from 'aws-cdk-lib/aws-lambda';
export const defaults = (_s, name) => ({ ...shared(name), entry: name });`;
    const { ctx, props } = project({ 'index.ts': helper }, STACK("defaults(this, 'x')"));
    expect(spreadKeys(ctx, props)).toBeUndefined();
  });

  it('is unknown for a spread that is no imported helper call', () => {
    const { ctx, props } = project({ 'index.ts': DEFAULTS }, STACK('props.functionProps'));
    expect(spreadKeys(ctx, props)).toBeUndefined();
  });
});
