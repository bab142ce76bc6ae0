// isLogCall on a project's bare log helpers: `logError(e)` by its name, a logger module's level functions
// (`error('failed', e)`) by theirs, and not an HTTP error factory that takes a status first.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { isLogCall } from './catchFacts.js';

/** The first statement of a catch whose try awaits another system's call. */
const inCatch = (code: string): Node =>
  (
    (
      firstOfType(`async function h() { try { await load(); } catch (e) { ${code}; } }`, 'CatchClause')
        .body as Node
    ).body as Node[]
  )[0] as Node;

describe('isLogCall on bare calls', () => {
  it.each([
    ["logError('failed', e)"],
    ["error('Failed to get tags by path', e)"],
    ["warn('failed to warm up', i, e)"],
    ['debug({ event: "failed", e })'],
  ])('reads %s as a log line', (code) => {
    expect(isLogCall(inCatch(code))).toBe(true);
  });

  it.each([
    // SvelteKit's `error(404, ...)` throws the answer: a status first is no log line.
    ["error(500, 'Failed')"],
    ['error()'],
    ["login('user')"],
    ["log('audit', e)"],
    ["fail('failed', e)"],
  ])('does not read %s as a log line', (code) => {
    expect(isLogCall(inCatch(code))).toBe(false);
  });
});
