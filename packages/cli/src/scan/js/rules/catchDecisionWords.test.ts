// The catch-only decision words (catchDecisionWords.ts), and a `.catch` callback decided by its own text
// (chainDecision.ts callbackSaysWhy): a neighbour's comment, a shared named callback or a comment that says what decides nothing.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { catchOnlyDecision, commentText } from './catchDecisionWords.js';
import { callbackSaysWhy } from './chainDecision.js';

/** Does the first catch of `source` state a catch-only decision in its own comments? */
function decides(source: string): boolean {
  const ctx = contextOf(source);
  const tries: Node[] = [];
  someDescendant(ctx.program, (n) => {
    if (n.type === 'TryStatement') tries.push(n);
    return tries.length > 0;
  });
  const tryStatement = tries[0];
  if (tryStatement === undefined) throw new Error(`no try in ${source}`);
  const handler = tryStatement.handler as Node;
  const text = commentText(ctx.source.slice(handler.body.start, handler.body.end));
  return catchOnlyDecision(ctx, tryStatement, tryStatement.block as Node, text);
}

/** A send in a try whose catch only logs and carries `comment`; in a loop over items with `inLoop`. */
const around = (comment: string, inLoop = false, work = 'await mailer.send(email)') =>
  inLoop
    ? `async function f(items) {\n  for (const email of items) {\n    try {\n      ${work};\n    } catch (e) {\n      log(e);\n      ${comment}\n    }\n  }\n}`
    : `async function f(email) {\n  try {\n    ${work};\n  } catch (e) {\n    log(e);\n    ${comment}\n  }\n}`;

describe('catchOnlyDecision', () => {
  it.each([
    '// Still return success to prevent enumeration',
    '// Same 202 as for an unknown address, to prevent account enumeration.',
    "// Don't reveal whether the user exists",
    '// Continue and still return 204 to not reveal if email exists',
    '// The pending row is the outbox. The minute sweep will retry this send;',
    '// The row is still pending: the minute sweep enqueues it again.',
    '// Continue with deletion - files can be cleaned up later',
  ])('states a decision: %s', (comment) => {
    expect(decides(around(comment))).toBe(true);
  });

  it('reads "rather than stopping" in a catch run once per item', () => {
    expect(decides(around('// Continue to next feed rather than stopping the whole Lambda', true))).toBe(
      true,
    );
  });

  it.each([
    '// This can be retried later.',
    '// Update DynamoDB with failure status',
    '// still return 200 to prevent retries',
    "// don't expose the error details to the client",
    '// Continue with other users',
    '// enumerate the items again',
    '// TODO: clean up later',
    '// FIXME: the upload is never cleaned up later, nothing retries this',
    '// the Status enumeration has no FAILED value yet',
    '// failed to enumerate users for the notification fan-out',
    '// The sweep failed: nothing else deletes these sessions.',
    '// the mirror is cleaned up by hand',
    '// answer 202 rather than crashing the request',
  ])('decides nothing: %s', (comment) => {
    expect(decides(around(comment))).toBe(false);
  });

  it("reads anti-enumeration only around a send or lookup, not the account's own write", () => {
    const put = 'await ddb.send(new PutCommand({ TableName: t, Item: { pk: email } }))';
    expect(decides(around('// same answer either way, to prevent enumeration', false, put))).toBe(false);
    expect(
      decides(around('// same answer either way, to prevent enumeration', false, 'await createUser(email)')),
    ).toBe(false);
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
    'async function f() {\n  await register().catch((e) => // the minute sweep registers it again\n    log.warn(e));\n}',
    'function auditFailed(e) {\n  // Best effort: the audit is optional\n  log.warn(e);\n}\nasync function f() {\n  await audit().catch(auditFailed);\n}',
  ])('decided by the callback itself: %s', (source) => {
    const { ctx, call } = firstCatch(source);
    expect(callbackSaysWhy(ctx, call)).toBe(true);
  });

  it.each([
    "async function f() {\n  // Non-fatal: the sync below\n  await sync().catch((e) => log.warn('sync failed', e));\n}",
    "async function f() {\n  await sync().catch((e) => log.warn('sync failed', e)); // best effort\n}",
    "async function f() {\n  await touch().catch(() => {}); // best effort\n  await sync().catch((e) => log.warn('sync failed', e));\n}",
    'function logFailure(e) {\n  // best effort everywhere\n  log.warn(e);\n}\nasync function f() {\n  await sync().catch(logFailure);\n  await touch().catch(logFailure);\n}',
    'function logFailure(e) {\n  // shared by every chain of this module\n  log.warn(e);\n}\nasync function f() {\n  await sync().catch(logFailure);\n}',
    "async function f() {\n  await sync().catch((e) => log.warn('sync failed', e));\n}",
    'async function f() {\n  await sync().catch((e) => {\n    // Record the audit entry\n    log.warn(e);\n  });\n}',
    'async function f() {\n  // the minute sweep registers it again\n  await sync().catch((e) => log.warn(e));\n}',
  ])('not decided by the callback: %s', (source) => {
    const { ctx, call } = firstCatch(source);
    expect(callbackSaysWhy(ctx, call)).toBe(false);
  });
});
