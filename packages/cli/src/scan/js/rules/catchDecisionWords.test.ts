// The catch-only decision words (catchDecisionWords.ts), and a `.catch` callback decided by its own text
// (chainDecision.ts callbackSaysWhy): a neighbour's comment or a shared named callback decides nothing.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { catchOnlyDecision } from './catchDecisionWords.js';
import { callbackSaysWhy } from './chainDecision.js';

describe('catchOnlyDecision', () => {
  it.each([
    '// Still return success to prevent enumeration',
    '// Same 202 as for an unknown address, to prevent account enumeration.',
    "// Don't reveal whether the user exists",
    '// Continue and still return 204 to not reveal if email exists',
    '// The row stays pending: the minute sweep will retry this send',
    '// Continue with deletion - files can be cleaned up later',
    '// Continue to next feed rather than stopping the whole Lambda',
  ])('states a decision: %s', (comment) => {
    expect(catchOnlyDecision(comment)).toBe(true);
  });

  it.each([
    '// This can be retried later.',
    '// Update DynamoDB with failure status',
    '// still return 200 to prevent retries',
    "// don't expose the error details to the client",
    '// Continue with other users',
    '// enumerate the items again',
  ])('decides nothing: %s', (comment) => {
    expect(catchOnlyDecision(comment)).toBe(false);
  });
});

/** The first `.catch(...)` call of `source`, with its module context. */
function firstCatch(source: string) {
  const ctx = contextOf(source);
  const call = ctx
    .of('CallExpression')
    .find((c: Node) => c.callee?.type === 'MemberExpression' && c.callee.property?.name === 'catch');
  if (call === undefined) throw new Error(`no .catch in ${source}`);
  return { ctx, call };
}

describe('callbackSaysWhy', () => {
  it.each([
    'async function f() {\n  await register().catch((e) => // Non-fatal: it can be set up by hand\n    log.warn(e));\n}',
    'async function f() {\n  await register().catch((e) => { log.warn(e); /* best effort */ });\n}',
    "async function f() {\n  await register().catch((e) => log.warn('register failed (non-fatal)', e));\n}",
    "async function f() {\n  await send().catch((e) => { logger.error('send failed; falling back to the sweep', e); });\n}",
  ])('decided by the callback itself: %s', (source) => {
    const { ctx, call } = firstCatch(source);
    expect(callbackSaysWhy(ctx, call)).toBe(true);
  });

  it.each([
    "async function f() {\n  // Non-fatal: the sync below\n  await sync().catch((e) => log.warn('sync failed', e));\n}",
    "async function f() {\n  await sync().catch((e) => log.warn('sync failed', e)); // best effort\n}",
    "async function f() {\n  await touch().catch(() => {}); // best effort\n  await sync().catch((e) => log.warn('sync failed', e));\n}",
    'function logFailure(e) {\n  // best effort everywhere\n  log.warn(e);\n}\nasync function f() {\n  await sync().catch(logFailure);\n}',
    "async function f() {\n  await sync().catch((e) => log.warn('sync failed', e));\n}",
  ])('not decided by the callback: %s', (source) => {
    const { ctx, call } = firstCatch(source);
    expect(callbackSaysWhy(ctx, call)).toBe(false);
  });
});
