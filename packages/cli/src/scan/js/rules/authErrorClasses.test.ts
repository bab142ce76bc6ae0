// Which imported error classes authErrorMaps publishes as answered 401/403 by `instanceof`, and which it
// drops as general-purpose classes answered with another status elsewhere in the module.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { authErrorMaps } from './authErrorClasses.js';

/** The class names authErrorMaps publishes for a module importing TokenRejected and running `body`. */
function mapped(body: string): string[] {
  const source = `import { TokenRejected } from './errors.js';
export function answer(err, res, next) {
  if (err instanceof TokenRejected) return res.status(401).json({ message: 'Unauthorized' });
  return res.status(500).json({ message: 'Internal error' });
}
${body}`;
  const ctx = contextOf(source);
  return authErrorMaps(ctx).map((r) => r.name);
}

describe('authErrorMaps', () => {
  it.each([
    ['alone', ''],
    [
      'beside a predicate',
      'export function isAuthFailure(err) { if (err instanceof TokenRejected) return true; return false; }',
    ],
    ['beside a null return', 'export function f(err) { if (err instanceof TokenRejected) return null; }'],
    [
      'beside next(err)',
      'export function mw(err, req, res, next) { if (err instanceof TokenRejected) return next(err); }',
    ],
    [
      'beside a wrap with a cause',
      "export function f(err) { if (err instanceof TokenRejected) throw new Error('wrapped', { cause: err }); }",
    ],
    [
      'beside a negated test answered 500',
      'export function f(err, res) { if (!(err instanceof TokenRejected)) return res.status(500).end(); }',
    ],
  ])('kept: %s', (_, body) => {
    expect(mapped(body)).toEqual(['TokenRejected']);
  });

  it.each([
    [
      'badRequest(err)',
      'export function f(err) { if (err instanceof TokenRejected) return badRequest(err); }',
    ],
    [
      'a 500 response',
      'export function f(err) { if (err instanceof TokenRejected) return { statusCode: 500 }; }',
    ],
    [
      'res.status(422)',
      'export function f(err, res) { if (err instanceof TokenRejected) res.status(422).end(); }',
    ],
    [
      'a ternary answering internalError()',
      'export const f = (err) => (err instanceof TokenRejected ? internalError(err) : null);',
    ],
  ])('dropped, answered otherwise: %s', (_, body) => {
    expect(mapped(body)).toEqual([]);
  });
});
