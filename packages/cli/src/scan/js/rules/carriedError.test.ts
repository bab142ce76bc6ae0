// Which returned objects carry the caught error as a failure answer (carriesCaughtError).
import { describe, expect, it } from 'vitest';
import { contextOf, firstOfType } from '../testing/parsed.js';
import { carriesCaughtError, caughtName } from './carriedError.js';

/** The object a catch clause's last `return` hands back, and the clause's binding. */
function returned(catchSource: string): {
  value: Parameters<typeof carriesCaughtError>[0];
  caught: string | undefined;
} {
  const source = `async function f() { try { await g(); } ${catchSource} }`;
  const ctx = contextOf(source, 'm.js');
  const clause = ctx.of('CatchClause')[0];
  if (clause === undefined) throw new Error('no catch');
  const ret = firstOfType(source, 'ReturnStatement', 'm.js');
  return { value: ret.argument, caught: caughtName(clause) };
}

describe('carriesCaughtError', () => {
  it.each([
    [
      'the caught error with a code',
      "catch (err) { return { code: 'UNKNOWN_ERROR', message: err.message, error: err }; }",
      true,
    ],
    ['shorthand under error', "catch (error) { return { code: 'FAILED', error }; }", true],
    ['with ok: false', 'catch (e) { return { ok: false, err: e }; }', true],
    ['a fresh Error, not the caught one', "catch (err) { return { error: new Error('failed') }; }", false],
    ['only the text of the error', 'catch (err) { return { error: err.message }; }', false],
    ['a success verdict beside it', 'catch (err) { return { success: true, error: err }; }', false],
    ['another key', 'catch (err) { return { cause: err }; }', false],
    ['a sent verdict beside it', 'catch (err) { return { sent: true, error: err }; }', false],
    ['a 2xx status beside it', 'catch (err) { return { statusCode: 200, error: err }; }', false],
    ['a spread that may claim success', 'catch (err) { return { ...ok, error: err }; }', false],
    ['a 5xx status beside it', 'catch (err) { return { statusCode: 500, error: err }; }', true],
    [
      'an error object naming the failure',
      "catch (e) { return { error: { code: 'EVENT_NOT_FOUND', message: 'gone' } }; }",
      true,
    ],
    [
      'an error object with neither code nor message',
      'catch (e) { return { error: { at: Date.now() } }; }',
      false,
    ],
    ['not an object', 'catch (err) { return err; }', false],
    ['no binding', "catch { return { error: 'x' }; }", false],
  ])('%s', (_label, catchSource, expected) => {
    const { value, caught } = returned(catchSource);
    expect(carriesCaughtError(value, caught)).toBe(expected);
  });
});
