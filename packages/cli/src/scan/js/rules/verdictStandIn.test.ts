// Which catches answer the function's own negative verdict in place of a failed call (verdictStandIn).
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { verdictStandIn } from './verdictStandIn.js';

/** The verdict key the first catch of `async function check(k) { try { <tryBody> } catch (e) { <catchBody> } }` stands in for. */
function standIn(tryBody: string, catchBody: string): string | undefined {
  const ctx = contextOf(`async function check(k) { try { ${tryBody} } catch (e) { ${catchBody} } }`, 'm.js');
  const [handler] = ctx.of('CatchClause');
  if (handler === undefined) throw new Error('no catch');
  return verdictStandIn(ctx, handler);
}

const READ = 'const r = await db.get(k);';

describe('verdictStandIn', () => {
  it.each([
    [
      'the same keys, the verdict computed on success, the error text as the detail',
      `${READ} return { valid: r.ok, detail: 'checked' };`,
      'return { valid: false, detail: e.message };',
      'valid',
    ],
    [
      'after a log line',
      `${READ} return { completed: r.done === 3, details: 'x' };`,
      "console.log('failed', e.message); return { completed: false, details: e.message };",
      'completed',
    ],
    [
      'the error read through a fallback expression',
      `${READ} return { valid: r.ok, code: r.code };`,
      "return { valid: false, code: e.errors?.[0]?.code || 'UNKNOWN' };",
      'valid',
    ],
    [
      'an outcome flag (success), which says the call failed',
      `${READ} return { success: r.ok, error: null };`,
      'return { success: false, error: e.message };',
      undefined,
    ],
    [
      'a key the success answer never has',
      `${READ} return { valid: r.ok };`,
      'return { valid: false, error: e.message };',
      undefined,
    ],
    [
      'a verdict the success path only answers as a constant',
      `${READ} return { valid: true, detail: r.id };`,
      'return { valid: false, detail: e.message };',
      undefined,
    ],
    [
      'a neutral stand-in carrying nothing of the error',
      `${READ} return { flagged: r.n > 2, count: r.n };`,
      "log.error('x', e); return { flagged: false, count: 0 };",
      undefined,
    ],
    [
      'a catch that rethrows all but one failure',
      `${READ} return { claimed: r.ok, reason: 'ok' };`,
      "if (e.name !== 'ConditionalCheckFailedException') throw e; return { claimed: false, reason: e.message };",
      undefined,
    ],
    [
      'two verdicts set false (which one the caller reads is unknown)',
      `${READ} return { valid: r.ok, active: r.on, detail: 'x' };`,
      'return { valid: false, active: false, detail: e.message };',
      undefined,
    ],
    [
      'a sibling false on both paths (fromCache), which is no second verdict',
      `${READ} return { valid: r.ok, fromCache: false, detail: 'x' };`,
      'return { valid: false, fromCache: false, detail: e.message };',
      'valid',
    ],
    [
      'an HTTP status that changes (200 on success, 503 here)',
      `${READ} return { valid: r.ok, statusCode: 200, detail: 'x' };`,
      'return { valid: false, statusCode: 503, detail: e.message };',
      undefined,
    ],
    [
      'the error text under an error key (error: null on success)',
      `${READ} return { valid: r.ok, error: null };`,
      'return { valid: false, error: e.message };',
      undefined,
    ],
    [
      "a status field set to 'error'",
      `${READ} return { valid: r.ok, status: 'checked', detail: 'x' };`,
      "return { valid: false, status: 'error', detail: e.message };",
      undefined,
    ],
    [
      'a failed flag that is false on success',
      `${READ} return { valid: r.ok, failed: false, detail: 'x' };`,
      'return { valid: false, failed: true, detail: e.message };',
      undefined,
    ],
    [
      'a field the function decides from the error (an outage named as such), not the error read',
      `${READ} return { valid: r.ok, reason: 'checked' };`,
      "return { valid: false, reason: e.name === 'NotFound' ? 'missing' : 'unavailable' };",
      undefined,
    ],
    [
      'the error only deep in an array element',
      `${READ} return { valid: r.ok, issues: [] };`,
      "return { valid: false, issues: [{ severity: 'error', description: e.message }] };",
      undefined,
    ],
    [
      "a pass-through fallback handing back the function's own input",
      `${READ} return { isValid: r.ok, data: r.data, summary: 'x' };`,
      'return { isValid: false, data: k, summary: e.message };',
      undefined,
    ],
  ])('%s', (_, tryBody, catchBody, expected) => {
    expect(standIn(tryBody, catchBody)).toBe(expected);
  });
});
