// Which `a.b.fn` calls namespaceChainMember hands the project pass as a dotted name below an import.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { namespaceChainMember } from './namespaceChains.js';
import { contextOf } from './testing/parsed.js';

/** What namespaceChainMember gives the first call of `source`. */
function firstCall(source: string) {
  const ctx = contextOf(source, '/app/packages/functions/src/m.ts');
  const call = ctx.of('CallExpression')[0] as Node;
  return namespaceChainMember(ctx, call.callee as Node);
}

describe('namespaceChainMember', () => {
  it.each([
    [
      'a namespace of a namespace import',
      "import * as core from '@fleet/core';\ncore.IoTData.publish(t, p);",
      { source: '@fleet/core', name: 'IoTData', method: 'publish' },
    ],
    [
      'a namespace of a named import',
      "import { Services } from '@fleet/core';\nServices.IoTData.publish(t, p);",
      { source: '@fleet/core', name: 'Services.IoTData', method: 'publish' },
    ],
    [
      'a bare path alias',
      "import * as core from 'src/core';\ncore.Bus.aws.send(x);",
      { source: 'src/core', name: 'Bus.aws', method: 'send' },
    ],
  ])('a dotted name: %s', (_, source, expected) => {
    expect(firstCall(source)).toEqual(expected);
  });

  it.each([
    ['one member (the plain import cases)', "import { IoTData } from './iot';\nIoTData.publish(t);"],
    ['a package', "import * as aws from 'aws-sdk';\naws.S3.prototype.putObject(x);"],
    ['a default import', "import core from './core';\ncore.IoTData.publish(t);"],
    ['a local object', 'const core = { IoTData: { publish() {} } };\ncore.IoTData.publish(t);'],
    ['a computed member', "import * as core from './core';\ncore[kind].publish(t);"],
    ['a call in the chain', "import * as core from './core';\ncore.get().publish(t);"],
  ])('nothing: %s', (_, source) => {
    expect(firstCall(source)).toBeUndefined();
  });
});
