// Which `.catch(...)` handlers answer a built error (answersBuiltError) and whether the chain's answer is read
// (droppedBuiltErrorCatch).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { answersBuiltError, droppedBuiltErrorCatch } from './builtErrorAnswer.js';

/** The module of `source`, its first `.catch(...)` call, and that call's handler. */
function firstCatch(source: string): { ctx: ModuleContext; call: Node; fn: Node } {
  const ctx = contextOf(source);
  const call = ctx
    .of('CallExpression')
    .find(
      (c) => (c.callee as Node).type === 'MemberExpression' && (c.callee as Node).property?.name === 'catch',
    );
  if (call === undefined) throw new Error(`no .catch in ${source}`);
  return { ctx, call, fn: (call.arguments as Node[])[0] as Node };
}

/** Is the `.catch` in `body` (the body of an async function) a built error nobody reads? */
function dropped(body: string): boolean {
  const { ctx, call, fn } = firstCatch(`async function f() { ${body} }`);
  return droppedBuiltErrorCatch(ctx, call, fn);
}

describe('answersBuiltError', () => {
  it.each([
    '(err) => new Error("failed: " + err)',
    "(err) => new AppError('failed', { cause: err })",
    '(err) => { return new errors.HttpException(500); }',
    "(err) => { log.error('failed', err); return new Error('failed'); }",
  ])('answers a built error: %s', (handler) => {
    expect(answersBuiltError(firstCatch(`p.catch(${handler});`).fn)).toBe(true);
  });

  it.each([
    "(err) => { throw new Error('failed', { cause: err }); }",
    '(err) => null',
    '(err) => err',
    "(err) => new Notifier('x')",
    "(err) => { retry(); return new Error('failed'); }",
  ])('does not: %s', (handler) => {
    expect(answersBuiltError(firstCatch(`p.catch(${handler});`).fn)).toBe(false);
  });
});

describe('droppedBuiltErrorCatch', () => {
  it.each([
    ['a statement', "run().catch((e) => new Error('x'));"],
    ['awaited as a statement', "await run().catch((e) => new Error('x'));"],
    ['in a Promise.all whose answer is dropped', "await Promise.all([run().catch((e) => new Error('x'))]);"],
    [
      'a const used only in a dropped Promise.all',
      "const a = run().catch((e) => new Error('x')); const b = other(); await Promise.all([a, b]);",
    ],
    ['a const never used', "const a = run().catch((e) => new Error('x'));"],
    ['voided', "void run().catch((e) => new Error('x'));"],
    [
      'mapped into a dropped Promise.all',
      'await Promise.all(items.map((i) => fetch(i).catch((e) => new Error(String(e)))));',
    ],
  ])('dropped: %s', (_name, body) => {
    expect(dropped(body)).toBe(true);
  });

  it.each([
    ['tested after', "const r = await run().catch((e) => new Error('x')); if (r instanceof Error) throw r;"],
    ['returned', "return run().catch((e) => new Error('x'));"],
    [
      'a Promise.all whose answer is kept',
      "const all = await Promise.all([run().catch((e) => new Error('x'))]);",
    ],
    [
      'a const also returned',
      "const a = run().catch((e) => new Error('x')); await Promise.all([a]); return a;",
    ],
    ['thrown from the handler', "await run().catch((e) => { throw new Error('x'); });"],
    [
      'mapped into a Promise.all whose answer is kept',
      'const all = await Promise.all(items.map((i) => fetch(i).catch((e) => new Error(String(e)))));',
    ],
  ])('read or handed on: %s', (_name, body) => {
    expect(dropped(body)).toBe(false);
  });

  it("an exported const is its importers' to read", () => {
    const { ctx, call, fn } = firstCatch(
      "export const ready = connect().catch((e) => new Error('x', { cause: e }));",
    );
    expect(droppedBuiltErrorCatch(ctx, call, fn)).toBe(false);
  });
});
