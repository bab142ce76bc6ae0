// A catch answering 401 for one told-apart error and letting the rest fall through is no catch-all for
// infra-error-as-auth, so swallowed-error judges it; a catch-all 401 stays infra-error-as-auth's alone.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { catchesNothingLost } from './catchesNothingLost.js';

/** Whether swallowed-error leaves alone the catch (running `body`) around a feed read. */
function leftAlone(body: string): boolean {
  const ctx = contextOf(`import { query } from './db';
export const handler = async (evt) => {
  let result = { Items: [] };
  try {
    result = await query(evt.user);
  } catch (err) {
    ${body}
  }
  return { statusCode: 200, body: JSON.stringify(result) };
};`);
  const handler = ctx.of('CatchClause')[0];
  if (handler === undefined) throw new Error('no catch');
  return catchesNothingLost(ctx, handler, handler.body.body);
}

describe('catchesNothingLost for a catch answering 401', () => {
  it('judges one that answers 401 for an expired token and lets the rest fall through', () => {
    expect(
      leftAlone(
        "console.log(err);\n    if (err.name === 'JWTExpired') { return { statusCode: 401, body: 'expired' }; }",
      ),
    ).toBe(false);
  });

  it('leaves a catch-all 401 to infra-error-as-auth', () => {
    expect(leftAlone("console.log(err);\n    return { statusCode: 401, body: 'Unauthorized' };")).toBe(true);
  });
});
