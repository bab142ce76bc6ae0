// Which functions not declared async hand their caller a pending promise (returnsPending).
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { returnsPending } from './pendingReturns.js';
import { contextOf } from './testing/parsed.js';

/** returnsPending for the function declared as `target` in `source`. */
function pendingOf(source: string): boolean {
  const ctx = contextOf(source, 'm.js');
  const fn = (ctx.program.body as Node[]).find(
    (s) => s.type === 'FunctionDeclaration' && (s.id as Node).name === 'target',
  ) as Node;
  return returnsPending(ctx, fn);
}

describe('returnsPending', () => {
  it.each([
    ['an SDK v2 request promise', 'function target(p) { return sqs.sendMessage(p).promise(); }', true],
    ['a new Promise', 'function target() { return new Promise((r) => setTimeout(r, 10)); }', true],
    [
      'through a module helper',
      'function send(p) { return sns.publish(p).promise(); }\nfunction target(p) { log(p); return send(p); }',
      true,
    ],
    [
      'through an async helper',
      'async function put(p) { await x(p); }\nfunction target(p) { return put(p); }',
      true,
    ],
    ['a plain value', 'function target(p) { return { id: p.id }; }', false],
    [
      'a helper returning a value',
      'function shape(p) { return [p]; }\nfunction target(p) { return shape(p); }',
      false,
    ],
    [
      'a nested function returning a promise',
      'function target(p) { const f = () => q.promise(); return 1; }',
      false,
    ],
    [
      'declared async (judged as async elsewhere)',
      'async function target(p) { return s.send(p).promise(); }',
      false,
    ],
  ])('%s', (_, source, expected) => {
    expect(pendingOf(source)).toBe(expected);
  });
});
