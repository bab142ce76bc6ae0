// Which returned values say the work failed (failureObject): the verdicts and the HTTP error answers.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { failureObject } from './failureResult.js';

/** The argument of the first return statement of `source`. */
const returned = (source: string): Node =>
  firstOfType(`function f() { ${source} }`, 'ReturnStatement', 'm.js').argument as Node;

describe('failureObject', () => {
  it.each([
    ['a verdict', 'return { success: false }', true],
    ['a status field', 'return { statusCode: 500, body: "" }', true],
    ['a builder handed the status first', 'return sendResponse(500, { message })', true],
    ['a builder handed a body with an error statusCode', 'return response({ statusCode: 502 })', true],
    ['a builder handed the body first, the status after', 'return response({}, 500)', true],
    ['a reply builder handed a message, then the status', 'return buildReply("no", 503)', true],
    ['a builder handed a body and a 2xx status', 'return response({}, 201)', false],
    ['a body with a status field, no status argument', 'return response({ status: 500 })', false],
    ['a call that is no answer builder, given a number', 'return sleep(ms, 500)', false],
  ])('%s', (_name, source, expected) => {
    // Act
    const failed = failureObject(returned(source));
    // Assess
    expect(failed).toBe(expected);
  });

  it('an HTTP status is no verdict when only verdicts count', () => {
    expect(failureObject(returned('return response({}, 500)'), true)).toBe(false);
  });
});
