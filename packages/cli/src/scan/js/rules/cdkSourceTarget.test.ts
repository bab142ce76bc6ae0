// The function a CDK event source is added to: inline, or through the one local that holds the source.
import { describe, expect, it } from 'vitest';
import { memberPath, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { eventSourceTarget } from './cdkSourceTarget.js';

/** The member path of the target of the first `new SqsEventSource(...)` in `source`. */
function targetOf(source: string): string | undefined {
  const ctx = contextOf(source, '/app/lib/stack.ts');
  const node = ctx.of('NewExpression').find((n) => memberPath(n.callee as Node)?.at(-1) === 'SqsEventSource');
  const target = node === undefined ? undefined : eventSourceTarget(ctx, node);
  return target === undefined ? undefined : memberPath(target)?.join('.');
}

describe('eventSourceTarget', () => {
  it.each([
    ['inline', 'worker.addEventSource(new SqsEventSource(queue, { batchSize: 1 }));', 'worker'],
    [
      'held in a local first',
      'const source = new SqsEventSource(queue, { batchSize: 1 });\nthis.worker.addEventSource(source);',
      'this.worker',
    ],
  ])('finds the function of a source added %s', (_, source, expected) => {
    // Act
    const target = targetOf(source);

    // Assess
    expect(target).toBe(expected);
  });

  it.each([
    [
      'added to two functions',
      'const s = new SqsEventSource(q);\na.addEventSource(s);\nb.addEventSource(s);',
    ],
    ['never added', 'const s = new SqsEventSource(q);\nregister(s);'],
  ])('finds none for a source %s', (_, source) => {
    // Act
    const target = targetOf(source);

    // Assess
    expect(target).toBeUndefined();
  });
});
