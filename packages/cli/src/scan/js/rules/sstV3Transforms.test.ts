import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { sstTransforms } from './sstV3Transforms.js';

function transformsOf(source: string, file = '/app/infra/queues.ts') {
  const parsed = parseSync('m.ts', source);
  return sstTransforms(new ModuleContext(file, source, parsed.program as unknown as Node, parsed.comments));
}

const inRun = (body: string) => `export default $config({ async run() { ${body} } });`;

describe('sstTransforms', () => {
  it.each([
    ['queue-dlq', '$transform(sst.aws.Queue, (args) => { args.dlq ??= dead.arn; });'],
    ['queue-dlq', '$transform(sst.aws.Queue, (a) => (a.dlq = { queue: dead.arn }));'],
    [
      'queue-dlq',
      "$transform(sst.aws.Queue, (args, _o, name) => { if (name !== 'Dead') args.dlq ??= dead.arn; });",
    ],
    ['queue-dlq', '$transform(sst.aws.Queue, (args) => { args.transform.queue.redrivePolicy = policy; });'],
    ['function-cap', '$transform(sst.aws.Function, (args) => { args.concurrency ??= { reserved: 5 }; });'],
    ['function-cap', '$transform(sst.aws.Function, (args) => { args.concurrency.reserved = 5; });'],
  ])('settles %s: %s', (kind, source) => {
    expect(transformsOf(source)).toEqual([kind]);
  });

  it.each([
    [
      'provisioned caps nothing',
      '$transform(sst.aws.Function, (args) => { args.concurrency ??= { provisioned: 1 }; });',
    ],
    [
      'one queue only',
      "$transform(sst.aws.Queue, (args, _o, name) => { if (name === 'Billing') args.dlq ??= x; });",
    ],
    [
      'a visibility timeout',
      "$transform(sst.aws.Queue, (args) => { args.visibilityTimeout ??= '2 minutes'; });",
    ],
    ['a comment', '$transform(sst.aws.Queue, (args) => { /* dlq later */ args.delay = 1; });'],
    ['another component', '$transform(sst.aws.Bucket, (args) => { args.dlq = x; });'],
    ['another object', '$transform(sst.aws.Queue, (args) => { other.dlq = x; });'],
  ])('settles nothing for %s', (_why, source) => {
    expect(transformsOf(source)).toEqual([]);
  });

  it.each([
    [
      inRun("$transform(sst.aws.Queue, (a) => { a.dlq ??= x; }); await import('./infra/queues');"),
      ['queue-dlq'],
    ],
    [inRun("await import('./infra/queues'); $transform(sst.aws.Queue, (a) => { a.dlq ??= x; });"), []],
  ])('in sst.config.ts counts only before the imports: %s', (source, kinds) => {
    expect(transformsOf(source, '/app/sst.config.ts')).toEqual(kinds);
  });
});
