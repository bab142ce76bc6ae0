// Which constant answers of a silent catch (no log, no read of the error) are silentConstantAnswer's: a constant
// result or a constant 4xx hides the failure; a fixed server error as the answer's own status tells the caller it
// failed (and API Gateway counts it), and is left to failureResult.ts, which asks whether anyone reads the answer.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { silentConstantAnswer } from './silentCatch.js';

/** The catch clause of a function whose try awaits another system's call. */
function catchOf(handler: string): Node {
  return firstOfType(`async function h() { try { return await load(); } ${handler} }`, 'CatchClause');
}

describe('silentConstantAnswer', () => {
  it.each([
    ['catch { return { statusCode: 500, body: "failed" }; }'],
    ['catch { return { statusCode: 503 }; }'],
    // failureResult.ts reads a numeric `status` as the HTTP status; so does this check.
    ['catch { return { status: 500, message: "Internal error" }; }'],
  ])('leaves a fixed server error to the unread-answer check: %s', (handler) => {
    // Prepare
    const clause = catchOf(handler);

    // Act
    const silent = silentConstantAnswer(clause);

    // Assess
    expect(silent).toBe(false);
  });

  it.each([
    ['catch { return { items: [] }; }'],
    ['catch (error) { return { data: undefined, success: false, message: ["Unknown error"] }; }'],
    ['catch { return { statusCode: 400, headers: { "content-type": "application/json" } }; }'],
    ['catch (err) { return { statusCode: 404 }; }'],
    // A nested 5xx is a payload field (a direct-invoke or AppSync answer), not the answer's status.
    ['catch { return { data: null, error: { statusCode: 500, message: "Internal" } }; }'],
    ['catch { return { statusCode: 200, body: "{}", upstream: { statusCode: 503 } }; }'],
  ])('takes a constant result or a constant 4xx: %s', (handler) => {
    // Prepare
    const clause = catchOf(handler);

    // Act
    const silent = silentConstantAnswer(clause);

    // Assess
    expect(silent).toBe(true);
  });

  it.each([
    ['catch (error) { return { success: false, message: error.message }; }'],
    ['catch { log("failed"); return { success: false }; }'],
    ['catch { return errorJson(400, "Invalid body"); }'],
    ['catch { return errorJson(500, "List failed"); }'],
  ])('leaves answers that read the error, log, or are built by a call: %s', (handler) => {
    // Prepare
    const clause = catchOf(handler);

    // Act
    const silent = silentConstantAnswer(clause);

    // Assess
    expect(silent).toBe(false);
  });
});
