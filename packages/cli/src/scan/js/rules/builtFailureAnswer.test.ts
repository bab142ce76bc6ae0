// Which catch clauses answer a failure built in steps (builtFailureAnswer, failureKeptForReturn).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { builtFailureAnswer, failureKeptForReturn } from './builtFailureAnswer.js';
import { failureObject } from './failureResult.js';

/** The first catch clause of `source`, with its module. */
function catchOf(source: string): { ctx: ModuleContext; handler: Node } {
  const ctx = contextOf(source, 'm.js');
  return { ctx, handler: ctx.of('CatchClause')[0] as Node };
}

const failure = (v: Node) => failureObject(v);

describe('builtFailureAnswer', () => {
  it.each([
    [
      'returned at once',
      'try { await x() } catch (e) { console.error(e); return createResponse(502, "no") }',
      true,
    ],
    [
      'built in a variable on every branch',
      'try { await x() } catch (e) { let r; if (e.code === "C") { r = createResponse(409, "c") } else { r = createResponse(502, "no") } return r }',
      true,
    ],
    [
      'a branch that answers success',
      'try { await x() } catch (e) { let r; if (e.code === "C") { r = createResponse(200, "ok") } else { r = createResponse(502, "no") } return r }',
      false,
    ],
    ['a variable never given a failure', 'try { await x() } catch (e) { let r; return r }', false],
    [
      'work besides building the answer',
      'try { await x() } catch (e) { let r; await alert(e); r = createResponse(502, "no"); return r }',
      false,
    ],
    ['a status field', 'try { await x() } catch (e) { return { status: 502, message: "no" } }', true],
    [
      'a transaction rolled back first',
      'try { await x() } catch (e) { console.error(e); await transaction.rollback(); return response({}, 500) }',
      true,
    ],
    [
      'built in a variable after a rollback',
      'try { await x() } catch (e) { let r; await t.rollback(); r = response({}, 500); return r }',
      true,
    ],
    [
      'a failure returned on each branch',
      'try { await x() } catch (e) { if (e instanceof Error) { return { statusCode: 400, body: e.message } } else { return { statusCode: 400, body: e } } }',
      true,
    ],
    [
      'a failure on one branch and success on the other',
      'try { await x() } catch (e) { if (e.code === "Gone") { return { statusCode: 200, body: "done" } } else { return { statusCode: 400, body: "no" } } }',
      false,
    ],
    [
      'a failure on one branch and none without an else',
      'try { await x() } catch (e) { if (e.code === "Gone") { return { statusCode: 400, body: "no" } } }',
      false,
    ],
    [
      'a compensation first',
      'try { await x() } catch (e) { await refundPayment(id); return response({}, 500) }',
      false,
    ],
  ])('%s', (_, source, expected) => {
    const { handler } = catchOf(`async function f() { ${source} }`);
    expect(builtFailureAnswer(handler.body as Node, failure)).toBe(expected);
  });
});

describe('failureKeptForReturn', () => {
  it.each([
    [
      'returned right after the try',
      'let res = { status: 200 }; try { await x() } catch (e) { console.error(e); res = { status: 502 } } return res;',
      true,
    ],
    [
      'another variable returned',
      'let res = { status: 200 }; let out; try { await x() } catch (e) { res = { status: 502 } } return out;',
      false,
    ],
    [
      'more work after the try',
      'let res = { status: 200 }; try { await x() } catch (e) { res = { status: 502 } } await y(); return res;',
      false,
    ],
    [
      'a success value kept',
      'let res; try { await x() } catch (e) { res = { status: 200 } } return res;',
      false,
    ],
  ])('%s', (_, source, expected) => {
    const { ctx, handler } = catchOf(`async function f() { ${source} }`);
    expect(failureKeptForReturn(ctx, handler, failure)).toBe(expected);
  });
});
