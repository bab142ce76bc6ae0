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

  it('reads only the class the chain is in, and answers nothing for an injected or reassigned client', () => {
    const other = calleeIn(
      `class G { constructor() { this.client = new OAuth2(id); } }
        class B { constructor(private readonly client: C) {} load() { return this.client.request({}); } }`,
      'this.client.request',
    );
    expect(fieldChainValue(other.ctx, other.callee)).toBeUndefined();
    const injected = calleeIn(
      `class S { constructor(c) { if (c) this.client = c; else this.client = new OAuth2(id); }
        go() { return this.client.getToken(x); } }`,
      'this.client.getToken',
    );
    expect(fieldChainValue(injected.ctx, injected.callee)).toBeUndefined();
    const retimed = calleeIn(
      `class S { constructor() { this.client = new OAuth2(id); } useTimed() { this.client = timedClient(); }
        go() { return this.client.getToken(x); } }`,
      'this.client.getToken',
    );
    expect(fieldChainValue(retimed.ctx, retimed.callee)).toBeUndefined();
  });

  it('reads a field initializer and an awaited assignment', () => {
    const init = calleeIn(
      `class S { private readonly client = new OAuth2({ clientId }); go() { return this.client.getToken(x); } }`,
      'this.client.getToken',
    );
    expect(fieldChainValue(init.ctx, init.callee)?.type).toBe('NewExpression');
    const awaited = calleeIn(
      `class S { async init() { this.drive = await makeClient(); } list() { return this.drive.files.list({}); } }`,
      'this.drive.files.list',
    );
    expect(
      awaited.ctx.source.slice(
        fieldChainValue(awaited.ctx, awaited.callee)?.start,
        fieldChainValue(awaited.ctx, awaited.callee)?.end,
      ),
    ).toBe('makeClient()');
  });
});
