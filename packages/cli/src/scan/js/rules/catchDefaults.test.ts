// answersOnlyDefault: a catch whose every path answers an empty value, a test of the error included.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { answersOnlyDefault } from './catchDefaults.js';

/** The statements of the catch clause of a function whose try awaits another system's call. */
function catchStatements(handler: string): Node[] {
  const clause = firstOfType(`async function h() { try { return await load(); } ${handler} }`, 'CatchClause');
  return (clause.body as Node).body as Node[];
}

describe('answersOnlyDefault', () => {
  it.each([
    ['catch (e) { log.warn(e); return []; }'],
    ['catch (e) { return new Set(); }'],
    ['catch (e) { log.warn(e); return new Map(); }'],
    // The missing key is tested, and every other failure gets the same empty answer.
    [
      'catch (e) { if (e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) { return []; } log.warn(e); return []; }',
    ],
    ['catch (e) { if (e.code === "ENOENT") return {}; else log.warn(e); return {}; }'],
  ])('answers "nothing" on every path: %s', (handler) => {
    expect(answersOnlyDefault(catchStatements(handler))).toBe(true);
  });

  it.each([
    // Only the missing key is "nothing": the rest is thrown.
    ['catch (e) { if (e.name === "NoSuchKey") return []; throw e; }'],
    ['catch (e) { if (e.name === "NoSuchKey") return []; log.warn(e); return { failed: true, items: [] }; }'],
    ['catch (e) { if (e.name !== "NoSuchKey") throw e; return []; }'],
    // A null behind the test is the "not found" its caller tests for (a cache miss read from the origin).
    [
      'catch (e) { if (e.code === "NoSuchKey") { log.info("miss"); return null; } log.warn(e); return null; }',
    ],
    ['catch (e) { if (e.code === "NoSuchKey") return false; return false; }'],
    // Only logs: no empty value answered here (the fall-out shapes judge it).
    ['catch (e) { log.warn(e); }'],
    ['catch (e) { log.warn(e); return cached; }'],
  ])('answers something else on some path: %s', (handler) => {
    expect(answersOnlyDefault(catchStatements(handler))).toBe(false);
  });
});
