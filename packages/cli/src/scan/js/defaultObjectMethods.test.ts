// Which methods of a default-exported object literal hold a node (defaultObjectMethods).
import { describe, expect, it } from 'vitest';
import { defaultObjectMethods } from './defaultObjectMethods.js';
import { contextOf } from './testing/parsed.js';

/** The names defaultObjectMethods gives for the first catch clause of `source`. */
function namesAtCatch(source: string): string[] {
  const ctx = contextOf(source, 'm.js');
  const clause = ctx.of('CatchClause')[0];
  if (clause === undefined) throw new Error('no catch');
  return defaultObjectMethods(ctx, clause);
}

describe('defaultObjectMethods', () => {
  it('names the method of an object exported through its binding', () => {
    const source =
      'const helper = { add: async () => { try { await f(); } catch (e) { return e; } }, other() {} };\nmodule.exports = helper;';
    expect(namesAtCatch(source)).toEqual(['add']);
  });

  it('names a shorthand method of an ES default export', () => {
    const source = 'const api = { async send() { try { await f(); } catch (e) {} } };\nexport default api;';
    expect(namesAtCatch(source)).toEqual(['send']);
  });

  it('names a function the object lists by reference', () => {
    const source =
      'async function put() { try { await f(); } catch (e) {} }\nconst db = { put };\nmodule.exports = db;';
    expect(namesAtCatch(source)).toEqual(['put']);
  });

  it('is empty when the default export is a function, or the catch is outside the object', () => {
    expect(namesAtCatch('module.exports = async () => { try { await f(); } catch (e) {} };')).toEqual([]);
    expect(
      namesAtCatch('async function g() { try { await f(); } catch (e) {} }\nmodule.exports = { h() {} };'),
    ).toEqual([]);
  });
});
