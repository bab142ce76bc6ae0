import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { sstTransforms, transformMaySet } from './sstV3Transforms.js';

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

describe('transformMaySet', () => {
  function maySet(transform: string) {
    const source = `const t = ${transform};`;
    const parsed = parseSync('m.ts', source);
    const ctx = new ModuleContext(
      '/app/infra/q.ts',
      source,
      parsed.program as unknown as Node,
      parsed.comments,
    );
    const init = (parsed.program.body[0] as unknown as Node).declarations[0].init as Node;
    return transformMaySet(ctx, init, 'queue', 'redrivePolicy');
  }

  it.each([
    [
      'a callback that only tunes other keys',
      '{ queue: (args) => { args.visibilityTimeoutSeconds = 900; args.receiveWaitTimeSeconds = 20; } }',
      false,
    ],
    ['an expression callback tuning one key', '{ queue: (a) => (a.delaySeconds = 5) }', false],
    ['an object without it', '{ queue: { messageRetentionSeconds: 60 } }', false],
    ['a callback assigning it', '{ queue: (args) => { args.redrivePolicy = policy; } }', true],
    ['a callback merging settings', '{ queue: (args) => { Object.assign(args, shared); } }', true],
    ['a callback under a condition', '{ queue: (args) => { if (prod) args.delaySeconds = 1; } }', true],
    ['a callback returning new args', '{ queue: (args) => ({ ...args, delaySeconds: 1 }) }', true],
    ['a callback writing elsewhere', '{ queue: (args) => { other.delaySeconds = 1; } }', true],
    [
      'a chained assignment setting it',
      '{ queue: (args) => { args.delaySeconds = args.redrivePolicy = p; } }',
      true,
    ],
    ['a value merging settings', '{ queue: (args) => { args.tags = Object.assign(args, shared); } }', true],
    [
      'a value computed from the args',
      '{ queue: (args) => { args.delaySeconds = args.delaySeconds * 2; } }',
      false,
    ],
  ])('%s', (_why, transform, expected) => {
    expect(maySet(transform)).toBe(expected);
  });
});
