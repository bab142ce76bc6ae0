// What a function construct's spread of an imported helper's defaults supplies: the handler's path and the keys.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { spreadHelperKeys, spreadHelperLink } from './cdkSpreadHelpers.js';

const DEFAULTS = `import * as path from 'path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
export const defaults = (_scope, funcName) => {
  return { runtime: Runtime.NODEJS_20_X, entry: path.join(__dirname, \`../functions/\${funcName}/index.ts\`), handler: 'handler' };
};`;

/** A project in a fresh folder: `src/helpers` with `files`, and a stack module in `src/stacks` built from `stack`. */
function project(files: Record<string, string>, stack: string) {
  const root = mkdtempSync(join(tmpdir(), 'spread-helpers-'));
  writeFileSync(join(root, 'cdk.json'), '{}');
  mkdirSync(join(root, 'src/helpers'), { recursive: true });
  mkdirSync(join(root, 'src/stacks'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'src/helpers', name), text);
  const file = join(root, 'src/stacks/stack.ts');
  writeFileSync(file, stack);
  const ctx = contextOf(stack, file);
  const construct = ctx.of('NewExpression')[0] as Node;
  const props = (construct.arguments as Node[])[2];
  return { root, ctx, construct, props };
}

const STACK = (spread: string, own = '') =>
  `import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { defaults } from '../helpers';
new NodejsFunction(this, 'Payout', { ...${spread}, environment: {}${own} });`;

describe('spreadHelperLink', () => {
  it("reads the helper's entry with its parameter standing for the call's argument, through a barrel", () => {
    const { root, ctx, construct } = project(
      { 'index.ts': "export * from './defaults';", 'defaults.ts': DEFAULTS },
      STACK("defaults(this, 'payoutHandler')"),
    );
    const link = spreadHelperLink(ctx, construct, 'no-work');
    expect(link?.stems).toContain(join(root, 'src/functions/payoutHandler/index'));
    expect(link?.export).toBe('handler');
  });

  it("takes the handler the object writes itself over the helper's", () => {
    const { ctx, construct } = project(
      { 'index.ts': "export { defaults } from './defaults';", 'defaults.ts': DEFAULTS },
      STACK("defaults(this, 'payoutHandler')", ", handler: 'main'"),
    );
    expect(spreadHelperLink(ctx, construct, 'no-work')?.export).toBe('main');
  });

  it('gives nothing for a helper it cannot find or a non-relative import', () => {
    const { ctx, construct } = project(
      { 'index.ts': "export * from './elsewhere';" },
      STACK("defaults(this, 'x')"),
    );
    expect(spreadHelperLink(ctx, construct, 'no-work')).toBeUndefined();
  });
});

describe('spreadHelperKeys', () => {
  it("lists the helper object's keys", () => {
    const { ctx, props } = project(
      { 'index.ts': "export * from './defaults';", 'defaults.ts': DEFAULTS },
      STACK("defaults(this, 'payoutHandler')"),
    );
    expect([...(spreadHelperKeys(ctx, props) ?? [])].sort()).toEqual(['entry', 'handler', 'runtime']);
  });

  it('is unknown when the helper spreads something of its own it cannot read', () => {
    const helper = `import { Runtime } from 'aws-cdk-lib/aws-lambda';
export const defaults = (_s, name) => ({ ...shared(name), entry: name });`;
    const { ctx, props } = project({ 'index.ts': helper }, STACK("defaults(this, 'x')"));
    expect(spreadHelperKeys(ctx, props)).toBeUndefined();
  });

  it('is unknown for a spread that is no imported helper call', () => {
    const { ctx, props } = project({ 'index.ts': DEFAULTS }, STACK('props.functionProps'));
    expect(spreadHelperKeys(ctx, props)).toBeUndefined();
  });
});
