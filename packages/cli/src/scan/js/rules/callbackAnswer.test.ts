// What a catch's closing statements answer the invocation with (callbackAnswer.ts): `return X`, and in a
// callback-era handler `callback(null, X)` and `context.succeed(X)` / `context.done(null, X)`, returned or not.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { findHandlers } from '../handlerDiscovery.js';
import { contextOf } from '../testing/parsed.js';
import { blockAnswer } from './callbackAnswer.js';

/** The source text of what the catch of `exports.handler = <fn>` answers, or undefined when nothing. */
function answerText(fn: string): string | null | undefined {
  const ctx = contextOf(`exports.handler = ${fn};`, 'h.js');
  findHandlers(ctx);
  const handler = ctx.of('CatchClause')[0] as Node;
  const answered = blockAnswer(ctx, (handler.body as Node).body as Node[]);
  if (answered === undefined) return undefined;
  return answered.answer === null ? null : ctx.source.slice(answered.answer.start, answered.answer.end);
}

const TRY = 'try { await db.put(item).promise(); }';

describe('blockAnswer', () => {
  it.each([
    [
      `async (event, context, callback) => { ${TRY} catch (e) { log(e); return callback(null, { statusCode: 200 }); } }`,
    ],
    [`async (event, context, cb) => { ${TRY} catch (e) { log(e); cb(null, { statusCode: 200 }); } }`],
    [`async (event, context, cb) => { ${TRY} catch (e) { log(e); cb(null, { statusCode: 200 }); return; } }`],
    [`async (event, ctx) => { ${TRY} catch (e) { log(e); return ctx.succeed({ statusCode: 200 }); } }`],
    [`async (event, context) => { ${TRY} catch (e) { log(e); context.done(null, { statusCode: 200 }); } }`],
    [`async (event) => { ${TRY} catch (e) { log(e); return { statusCode: 200 }; } }`],
  ])('reads the answer of %s', (fn) => {
    // Act
    const answer = answerText(fn);

    // Assess
    expect(answer).toBe('{ statusCode: 200 }');
  });

  it.each([
    // The error handed to the callback fails the invocation: no value is answered.
    [`async (event, context, callback) => { ${TRY} catch (e) { log(e); callback(e); } }`],
    // An error handed first fails the invocation whatever follows it.
    [
      `async (event, context, callback) => { ${TRY} catch (e) { log(e); callback(e, { statusCode: 200 }); } }`,
    ],
    // A function of the module named `callback` is not the handler's.
    [
      `async (event) => { const callback = (a, b) => b; ${TRY} catch (e) { log(e); callback(null, { statusCode: 200 }); } }`,
    ],
    // A `done` of something other than the handler's context.
    [`async (event, context) => { ${TRY} catch (e) { log(e); job.done(null, { statusCode: 200 }); } }`],
  ])('reads no answer from %s', (fn) => {
    // Act
    const answer = answerText(fn);

    // Assess
    expect(answer).toBeUndefined();
  });

  it('keeps a returned call of anything else as the answer itself', () => {
    // Act
    const answer = answerText(
      `async (event, context, callback) => { ${TRY} catch (e) { return respond(200, { ok: true }); } }`,
    );

    // Assess
    expect(answer).toBe('respond(200, { ok: true })');
  });
});
