import { describe, expect, it } from 'vitest';
import { memberPath, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { fieldChainValue } from './fieldAssigned.js';

/** The callee of the call whose member path is `path` in `source`, and the module's context. */
function calleeIn(source: string, path: string) {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => memberPath(c.callee as Node)?.join('.') === path);
  if (call === undefined) throw new Error(`no call ${path}`);
  return { ctx, callee: call.callee as Node };
}

describe('fieldChainValue', () => {
  it('reads a client kept in a field through the one value assigned to it', () => {
    const { ctx, callee } = calleeIn(
      `class S { constructor() { this.client = new OAuth2({ clientId }); }
        async go(code) { return this.client.getToken(code); } }`,
      'this.client.getToken',
    );
    expect(ctx.source.slice(fieldChainValue(ctx, callee)?.start, fieldChainValue(ctx, callee)?.end)).toBe(
      'new OAuth2({ clientId })',
    );
  });

  it('follows a longer chain down to its field, and reads a call assigned to it', () => {
    const { ctx, callee } = calleeIn(
      `class S { constructor() { this.sheets = google.sheets({ version: 'v4' }); }
        get() { return this.sheets.spreadsheets.values.get({}); } }`,
      'this.sheets.spreadsheets.values.get',
    );
    expect(fieldChainValue(ctx, callee)?.type).toBe('CallExpression');
  });

  it('answers nothing for a field assigned twice, or a chain that does not start at this', () => {
    const twice = calleeIn(
      `class S { a() { this.c = new A(); } b() { this.c = new B(); } go() { return this.c.send(); } }`,
      'this.c.send',
    );
    expect(fieldChainValue(twice.ctx, twice.callee)).toBeUndefined();
    const local = calleeIn('const c = new A(); c.users.get();', 'c.users.get');
    expect(fieldChainValue(local.ctx, local.callee)).toBeUndefined();
  });
});
