// Which calls read as a failure answer by the name of the function building it (errorAnswerCall).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { errorAnswerCall } from './namedErrorAnswer.js';

/** The value of the module's one `return`. */
function returned(source: string): Node | undefined {
  return firstOfType(`async function f() { return ${source}; }`, 'ReturnStatement').argument as
    | Node
    | undefined;
}

describe('errorAnswerCall', () => {
  it.each([
    'createErrorResponse(error)',
    "serverError('Failed to update coins: ' + e)",
    'internalServerError({ message })',
    'await internalError()',
  ])('reads %s as a failure answer', (call) => {
    expect(errorAnswerCall(returned(call))).toBe(true);
  });

  it.each([
    'handleErrorResponse(error)',
    'error(e)',
    'logger.error(e)',
    'isServerError(e)',
    'serverErrors()',
  ])('does not read %s as one', (call) => {
    expect(errorAnswerCall(returned(call))).toBe(false);
  });
});
