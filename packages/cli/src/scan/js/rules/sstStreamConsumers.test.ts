// Which SST stream consumers (sstStreamConsumers.ts) iac-missing-dlq reports: the consumers of a table a
// data stack builds and another stack takes with `use(DataStack)` are judged where they are added.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { sstStreamConsumerRules } from './sstStreamConsumers.js';

/** The source lines iac-missing-dlq is reported on in the stack module `source`. */
function reported(source: string): number[] {
  const ctx = contextOf(source, 'stacks/Workers.ts');
  const lines: number[] = [];
  sstStreamConsumerRules(ctx, (rule, node) => {
    if (rule === 'iac-missing-dlq') lines.push(ctx.source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

const head =
  "import { use, Function, Queue } from 'sst/constructs';\nimport { DataStack } from './DataStack';\n";

describe('sstStreamConsumerRules on a table another stack hands over', () => {
  it.each([
    [
      'destructured from use(), no cdk at all',
      "const { orders } = use(DataStack);\norders.addConsumers(stack, { project: { function: { handler: 'src/p.main' } } });",
      [4],
    ],
    [
      'destructured, an event source without onFailure',
      "const { orders } = use(DataStack);\norders.addConsumers(stack, { project: {\n function: 'src/p.main',\n cdk: { eventSource: { batchSize: 1 } } } });",
      [6],
    ],
    [
      'a field of the whole use() value',
      "const data = use(DataStack);\ndata.tables.orders.addConsumers(stack, { project: 'src/p.main' });",
      [4],
    ],
    [
      'onFailure set: nothing to report',
      "const { orders } = use(DataStack);\norders.addConsumers(stack, { project: { function: 'src/p.main', cdk: { eventSource: { onFailure: dlq } } } });",
      [],
    ],
    [
      'a use() imported from elsewhere is not SST',
      "import { use as useIt } from './hooks';\nconst { orders } = useIt(DataStack);\norders.addConsumers(stack, { project: 'src/p.main' });",
      [],
    ],
    [
      'a parameter the module does not see built is not judged',
      "export function wire(orders) { orders.addConsumers(stack, { project: 'src/p.main' }); }",
      [],
    ],
  ])('%s', (_name, body, expected) => {
    expect(reported(head + body)).toEqual(expected);
  });
});
