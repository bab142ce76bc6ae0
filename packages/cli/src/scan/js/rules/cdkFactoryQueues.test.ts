// Which construct a factory hands back (factoryReturnedNew), and the local a stack keeps it in, read across
// the factory's module (factoryConstruct).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { factoryConstruct, factoryReturnedNew } from './cdkFactoryQueues.js';
import { topFunction } from './cdkImportedHelpers.js';

function context(file: string, source: string): ModuleContext {
  return contextOf(source, file);
}

/** The queue id (`new Queue(s, '<id>')`) the factory `make` returns under `key`. */
function returnedId(source: string, key?: string): string | undefined {
  const mod = context('/app/lib/queues.ts', source);
  const built = factoryReturnedNew(mod, topFunction(mod, 'make') as Node, key);
  return (built?.arguments as Node[] | undefined)?.[1]?.value as string | undefined;
}

describe('factoryReturnedNew', () => {
  it.each([
    [
      'a key of the returned object',
      "export function make(s) { const jobs = new Queue(s, 'Jobs'); const dlq = new Queue(s, 'Dlq'); return { jobs, dlq }; }",
      'jobs',
      'Jobs',
    ],
    [
      'a renamed key',
      "export function make(s) { const q = new Queue(s, 'Jobs'); return { jobsQueue: q }; }",
      'jobsQueue',
      'Jobs',
    ],
    ['the whole return value', "export const make = (s) => new Queue(s, 'Jobs');", undefined, 'Jobs'],
    [
      'two returns',
      "export function make(s, f) { if (f) return { jobs: new Queue(s, 'A') }; return { jobs: new Queue(s, 'B') }; }",
      'jobs',
      undefined,
    ],
    [
      'a key the object does not hold',
      "export function make(s) { const jobs = new Queue(s, 'Jobs'); return { jobs }; }",
      'other',
      undefined,
    ],
    [
      'a return inside a nested callback only',
      "export function make(s) { const all = [1].map(() => { return new Queue(s, 'X'); }); return { all }; }",
      'all',
      undefined,
    ],
  ])('%s', (_, source, key, expected) => {
    expect(returnedId(source, key)).toBe(expected);
  });
});

describe('factoryConstruct', () => {
  const root = mkdtempSync(join(tmpdir(), 'cdk-factory-queues-'));
  mkdirSync(join(root, 'lib/queues'), { recursive: true });
  writeFileSync(
    join(root, 'lib/queues/createJobsQueue.ts'),
    "import * as sqs from 'aws-cdk-lib/aws-sqs';\nexport default function createJobsQueue(stack) { const jobsQueue = new sqs.Queue(stack, 'Jobs', { fifo: true }); return { jobsQueue }; }\n",
  );
  const stack = (body: string) =>
    context(
      join(root, 'lib/stack.ts'),
      `import createJobsQueue from './queues/createJobsQueue';\nimport { other } from 'some-package';\n${body}`,
    );
  // The argument of the body's closing `use(x)`: the local the stack reads.
  const used = (ctx: ModuleContext) =>
    (ctx.of('CallExpression').at(-1)?.arguments as Node[] | undefined)?.[0];

  it.each([
    [
      'a destructured key of an imported factory',
      'const { jobsQueue } = createJobsQueue(this); use(jobsQueue);',
      'Jobs',
    ],
    ['a renamed destructured key', 'const { jobsQueue: q } = createJobsQueue(this); use(q);', 'Jobs'],
    ['the whole result, not a construct', 'const r = createJobsQueue(this); use(r);', undefined],
    [
      'a factory of a package, not of the project',
      'const { jobsQueue } = other(this); use(jobsQueue);',
      undefined,
    ],
    ['a local reassigned (let)', 'let { jobsQueue } = createJobsQueue(this); use(jobsQueue);', undefined],
  ])('%s', (_, body, expected) => {
    const ctx = stack(body);
    const found = factoryConstruct(ctx, used(ctx));
    expect((found?.built.arguments as Node[] | undefined)?.[1]?.value).toBe(expected);
  });
});
