// Which constant answers of a silent catch silentAnswer.ts takes: a constant object (returned, or handed to a
// callback-era handler's callback), or a project response builder with a fixed status below 500 handed only
// constants (fixedStatusBuilders.ts); an imported builder is left to the project pass as a condition.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { findHandlers } from '../handlerDiscovery.js';
import { contextOf } from '../testing/parsed.js';
import { fixedStatusMethods } from './fixedStatusBuilders.js';
import { silentAnswer } from './silentAnswer.js';

const RESPONSES = `const Responses = {
  _Define(statusCode = 502, data = {}) { return { statusCode, body: JSON.stringify(data) }; },
  _200(data = {}) { return this._Define(200, data); },
  _400(data = {}) { return this._Define(400, data); },
  _500(data = {}) { return this._Define(500, data); },
  any(code, data) { return this._Define(code, data); },
};
const badRequest = (message) => ({ statusCode: 400, body: message });
function pick(body) { if (body) return { statusCode: 200, body }; return { statusCode: 400 }; }
function maybe(body) { if (!body) return; return { statusCode: 400, body }; }
`;

/** silentAnswer of the catch in `exports.handler = <fn>`, after RESPONSES. */
function silentOf(fn: string, head = RESPONSES): ReturnType<typeof silentAnswer> {
  const ctx = contextOf(`${head}exports.handler = ${fn};`, 'h.js');
  findHandlers(ctx);
  return silentAnswer(ctx, ctx.of('CatchClause')[0] as Node);
}

const TRY = 'try { await db.get(event.id); }';

describe('silentAnswer', () => {
  it.each([
    [
      `async (event) => { ${TRY} catch (e) { return Responses._400({ error: true, message: 'Could not read' }); } }`,
    ],
    [`async (event) => { ${TRY} catch (e) { return Responses._200({ items: [] }); } }`],
    [`async (event) => { ${TRY} catch { return badRequest('Could not read'); } }`],
    [`async (event) => { ${TRY} catch (e) { return { statusCode: 400, body: 'no' }; } }`],
    [
      `async (event, context, callback) => { ${TRY} catch (e) { return callback(null, { statusCode: 404 }); } }`,
    ],
  ])('takes the constant answer of %s', (fn) => {
    // Act
    const silent = silentOf(fn);

    // Assess
    expect(silent).toEqual({});
  });

  it.each([
    // A fixed 5xx tells the caller it failed.
    [`async (event) => { ${TRY} catch (e) { return Responses._500({ error: true }); } }`],
    // The caller hands the status: no fixed answer of the builder's.
    [`async (event) => { ${TRY} catch (e) { return Responses.any(400, { error: true }); } }`],
    // The error reaches the answer.
    [`async (event) => { ${TRY} catch (e) { return Responses._400({ message: e.message }); } }`],
    // A builder whose branches answer different statuses, or one that may answer nothing, fixes none.
    [`async (event) => { ${TRY} catch (e) { return pick('no'); } }`],
    [`async (event) => { ${TRY} catch (e) { return maybe('no'); } }`],
    // Logged first: not silent.
    [`async (event) => { ${TRY} catch (e) { console.error(e); return Responses._400({ error: true }); } }`],
  ])('leaves %s', (fn) => {
    // Act
    const silent = silentOf(fn);

    // Assess
    expect(silent).toBeUndefined();
  });

  it('asks the project pass about a builder of another module', () => {
    // Act
    const silent = silentOf(
      `async (event) => { ${TRY} catch (error) { return Responses._400({ error: true }); } }`,
      "const Responses = require('../common/API_Responses');\n",
    );

    // Assess
    expect(silent).toEqual({
      onlyIfImportFixedStatus: {
        from: 'h.js',
        source: '../common/API_Responses',
        name: 'default',
        method: '_400',
      },
    });
  });
});

it('leaves an imported function to the checks after it (successBuilders.ts, failureResult.ts)', () => {
  // Act
  const silent = silentOf(
    `async (event) => { ${TRY} catch (error) { return badRequest('Could not read'); } }`,
    "const { badRequest } = require('../common/http');\n",
  );

  // Assess
  expect(silent).toBeUndefined();
});

describe('fixedStatusMethods', () => {
  it('reads each method whose status is fixed, through the builder it forwards to', () => {
    // Prepare
    const ctx = contextOf(`${RESPONSES}module.exports = Responses;`, 'r.js');
    const object = ctx.valueOf(ctx.of('ExpressionStatement').at(-1)?.expression?.right as Node) as Node;

    // Act
    const methods = fixedStatusMethods(ctx, object);

    // Assess
    expect(methods).toEqual({ _200: 200, _400: 400, _500: 500 });
  });
});
