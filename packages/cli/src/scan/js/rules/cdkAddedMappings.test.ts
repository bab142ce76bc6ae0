// addedMappings: every `fn.addEventSourceMapping(id, options)` of a module, with the function and options.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { addedMappings } from './cdkAddedMappings.js';

const FILE = '/app/lib/stack.ts';

function mappings(body: string): { fn: string; options: string | undefined }[] {
  const ctx = contextOf(body, FILE);
  const text = (n: Node | undefined) => (n === undefined ? undefined : body.slice(n.start, n.end));
  return addedMappings(ctx).map((m) => ({ fn: text(m.fn) as string, options: text(m.options) }));
}

describe('addedMappings', () => {
  it('finds the method on any function expression, with its options as written', () => {
    const body = `worker.addEventSourceMapping('M', { batchSize: 1 });
this.fns.reader.addEventSourceMapping('R', opts);
bare.addEventSourceMapping('B');`;
    expect(mappings(body)).toEqual([
      { fn: 'worker', options: '{ batchSize: 1 }' },
      { fn: 'this.fns.reader', options: 'opts' },
      { fn: 'bare', options: undefined },
    ]);
  });

  it('finds no plain call of that name, nor a call of another method', () => {
    expect(mappings("addEventSourceMapping('M', {});")).toEqual([]);
    expect(mappings('worker.addEventSource(new SqsEventSource(queue));')).toEqual([]);
  });
});
