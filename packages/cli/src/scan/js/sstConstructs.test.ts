// One reader for SST v2's and v1's constructs: which `new` expressions name one, and the 0.x prop names
// read only for v1.
import { describe, expect, it } from 'vitest';
import { type Node, objectProps } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { sstConstruct, v0Prop } from './sstConstructs.js';
import { contextOf as parsedContext } from './testing/parsed.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, '/app/stacks/Jobs.ts');
}

describe('sstConstruct', () => {
  it.each([
    ["import { Queue } from 'sst/constructs';", 'new Queue(stack, "Jobs")', { name: 'Queue', v1: false }],
    [
      "import { Queue } from '@serverless-stack/resources';",
      'new Queue(this, "Jobs")',
      { name: 'Queue', v1: true },
    ],
    [
      "import * as sst from '@serverless-stack/resources';",
      'new sst.Api(this, "Api")',
      { name: 'Api', v1: true },
    ],
    ["import { Queue } from 'aws-cdk-lib/aws-sqs';", 'new Queue(this, "Jobs")', undefined],
    ["import * as sst from '@serverless-stack/resources';", 'new sst.a.Queue(this, "Jobs")', undefined],
  ])('%s then %s names %j', (imports, built, expected) => {
    // Prepare
    const ctx = contextOf(`${imports}\nexport const made = ${built};\n`);
    const node = ctx.of('NewExpression')[0];

    // Act
    const construct = sstConstruct(ctx, node?.callee as Node);

    // Assess
    expect(construct).toEqual(expected);
  });
});

describe('v0Prop', () => {
  it.each([
    ['cdk.queue', true, 'sqsQueue'],
    ['cdk.eventSource', true, 'consumerProps'],
    ['defaults.function', true, 'defaultFunctionProps'],
    ['cdk.queue', false, undefined],
    ['cdk.topic', true, undefined],
  ])('reads %s for v1=%s from %s', (path, v1, key) => {
    // Prepare
    const ctx = contextOf(
      'export const p = { sqsQueue: { fifo: true }, consumerProps: { batchSize: 1 }, defaultFunctionProps: { timeout: 9 } };\n',
    );
    const props = objectProps(ctx.parentOf(ctx.of('Property')[0] as Node))?.props;

    // Act
    const value = v0Prop(props, path, v1);

    // Assess
    expect(props).toBeDefined();
    const expected = key === undefined ? undefined : props?.get(key);
    if (key !== undefined) expect(expected).toBeDefined();
    expect(value).toBe(expected);
  });
});
