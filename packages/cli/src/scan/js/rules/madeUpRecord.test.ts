// Which catches answer a made-up record in place of the one their try read (madeUpRecord.ts), judged as the
// drop shape 'stand-in' (catchShapes.ts): typed-in fields, none telling of the failure, nothing of the error.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { dropShape } from './catchShapes.js';

const HEAD = `import { OrderState } from './states.js';
const ADMIN_ID = process.env.ADMIN_ID;
const toCamel = (o) => o;
`;

/** dropShape of the only catch in `fn`'s body (declared after HEAD). */
function shapeOf(body: string): ReturnType<typeof dropShape> {
  const ctx = contextOf(`${HEAD}async function read(userId, member) {\n${body}\n}`, 'm.js');
  return dropShape(ctx, ctx.of('CatchClause')[0] as Node);
}

const READ = 'const res = await db.get(userId); return res.Item;';

describe('madeUpRecord as a stand-in', () => {
  it.each([
    [`try { ${READ} } catch (e) { log.error(e); return { accountId: ADMIN_ID, key: 'dev-key' }; }`],
    [`try { ${READ} } catch (e) { log.error(e); return { user_id: userId, email: null }; }`],
    [`try { ${READ} } catch (e) { log.error(e); return toCamel({ user_id: userId, email: null }); }`],
    [`try { ${READ} } catch (e) { log.error(e); return { ...member, email: null, role: 'member' }; }`],
    [
      `try { ${READ} } catch (e) { log.error(e); return { ...member, verification: null, can_reupload: true }; }`,
    ],
    [`try { ${READ} } catch (e) { log.error(e); return { orderStatus: ADMIN_ID, txHash: '', block: -1 }; }`],
    [
      `let profile; try { profile = await db.get(userId); } catch (e) { log.error(e); profile = { userId: 'unknown', email: null }; } return profile;`,
    ],
    // A member of an imported enum is typed in.
    [`try { ${READ} } catch (e) { log.error(e); return { orderState: OrderState.FILLED, txHash: '' }; }`],
  ])('takes %s', (body) => {
    // Act
    const shape = shapeOf(body);

    // Assess
    expect(shape).toBe('stand-in');
  });

  it.each([
    // A failure answer: it says the read failed.
    [`try { ${READ} } catch (e) { log.error(e); return { success: false, userId, message: 'failed' }; }`],
    // The error itself reaches the answer.
    [`try { ${READ} } catch (e) { log.error(e); return { userId, reason: e.message, note: 'x' }; }`],
    // Nothing typed in: the caller's own input handed back.
    [`try { ${READ} } catch (e) { log.error(e); return { userId, member }; }`],
    // One field: too little to pass for a record.
    [`try { ${READ} } catch (e) { log.error(e); return { email: null }; }`],
    // What the try read (`res`) reaches the answer: a partial result, not a made-up one.
    [
      `let res; try { res = await db.get(userId); return res.Item; } catch (e) { log.error(e); return { id: res.id, email: null }; }`,
    ],
    // A verdict (a `false` field) or a word of failure answers that the read failed.
    [`try { ${READ} } catch (e) { log.error(e); return { compliant: false, baa: 'none' }; }`],
    [`try { ${READ} } catch (e) { log.error(e); return { category: 'SYSTEM_ERROR', id: userId }; }`],
    // All blanks: the "nothing" answer, judged as an empty default is.
    [`try { ${READ} } catch (e) { log.error(e); return { primary: null, secondary: null }; }`],
    [`try { ${READ} } catch (e) { log.error(e); return { username: '', attributes: {} }; }`],
    // `undefined` is a blank as `null` is: all blanks.
    [`try { ${READ} } catch (e) { log.error(e); return { primary: null, secondary: undefined }; }`],
    // The same literal the try answers when it finds nothing, or one of its keys blanking the same fields.
    [
      `try { const res = await db.get(userId); if (!res.ok) return { ttl: res.ttl, value: undefined }; return { ttl: res.ttl, value: res.body }; } catch (e) { log.error(e); return { ttl: ADMIN_ID, value: undefined }; }`,
    ],
    [
      `try { const res = await db.get(userId); return res || { state: 'CLOSED', failures: 0 }; } catch (e) { log.error(e); return { state: 'CLOSED', failures: 0 }; }`,
    ],
    // The try answers nothing: nothing to stand in for.
    [`try { await db.put(userId); } catch (e) { log.error(e); return { userId, saved: 'no' }; }`],
    // The try assigns no `profile`: the catch's record stands in for nothing the try read.
    [
      `let profile; try { await db.put(userId); } catch (e) { log.error(e); profile = { userId: 'unknown', email: null }; } return profile;`,
    ],
    // A zero is no typed-in value, and a constant of this function is computed from the input, not typed in.
    [`try { ${READ} } catch (e) { log.error(e); return { count: 0, items: [] }; }`],
    [`const key = userId.trim(); try { ${READ} } catch (e) { log.error(e); return { key, owner: userId }; }`],
    // An authorizer's deny policy on failure closes the door: a verdict, not a record standing in for one.
    [
      `try { const res = await db.get(userId); return { principalId: res.owner, policyDocument: { Statement: [{ Effect: 'Allow' }] } }; } catch (e) { log.error(e); return { principalId: 'anonymous', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Resource: member }] } }; }`,
    ],
    // A computed key names nothing the check can read.
    [`try { ${READ} } catch (e) { log.error(e); return { [userId]: 'x', other: 'y' }; }`],
  ])('leaves %s', (body) => {
    // Act
    const shape = shapeOf(body);

    // Assess
    expect(shape).toBeUndefined();
  });
});
