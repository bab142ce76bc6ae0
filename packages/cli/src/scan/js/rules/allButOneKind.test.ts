// Which catch checks answer every failure but the kinds they name (allButNamedKinds), and which branches
// answer on every path (answersEveryPath), and which checks name no kind at all (everyKind).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { firstOfType } from '../testing/parsed.js';
import { allButNamedKinds, answersEveryPath, everyKind } from './allButOneKind.js';

/** The test of the first `if` in `source`. */
function firstTest(source: string): Node {
  return firstIf(source).test as Node;
}

/** The first `if` in `source`. */
function firstIf(source: string): Node {
  return firstOfType(source, 'IfStatement');
}

const names = new Set(['error', 'err']);

describe('allButNamedKinds', () => {
  it.each([
    'if (error.statusCode !== 404) return 1;',
    'if (404 != err.statusCode) return 1;',
    "if (err.code !== 'ResourceNotFoundException') return 1;",
    'if (err.name !== Kinds.NotFound) return 1;',
    'if (!(error instanceof NotFoundError)) return 1;',
    "if (err.code !== 'A' && err.code !== 'B') return 1;",
    'if ((error as AwsError).$metadata.httpStatusCode !== 404) return 1;',
  ])('answers all but the named kinds: %s', (source) => {
    expect(allButNamedKinds(firstTest(source), names)).toBe(true);
  });

  it.each([
    'if (error.statusCode === 404) return 1;',
    "if (err.code !== 'A' || err.code !== 'B') return 1;",
    'if (error.statusCode !== expected) return 1;',
    'if (other.statusCode !== 404) return 1;',
    'if (error.statusCode !== 404 && retries > 3) return 1;',
    'if (!error.retryable) return 1;',
    "if (error.message.includes('x') !== true) return 1;",
  ])('does not: %s', (source) => {
    expect(allButNamedKinds(firstTest(source), names)).toBe(false);
  });
});

describe('answersEveryPath', () => {
  it.each([
    'if (e.statusCode !== 404) return respond(500, {});',
    'if (e.statusCode !== 404) { console.error(e); return respond(500, {}); }',
    'if (e.statusCode !== 404) throw e;',
    'if (e.statusCode !== 404) { if (strict) return respond(500); else throw e; }',
  ])('answers: %s', (source) => {
    expect(answersEveryPath(firstIf(source).consequent as Node)).toBe(true);
  });

  it.each([
    'if (e.statusCode !== 404) { return; }',
    'if (e.statusCode !== 404) return null;',
    'if (e.statusCode !== 404) { return false; }',
    "if (e.statusCode !== 404) { if (strict) { return respond(500); } console.warn('lenient'); }",
    'if (e.statusCode !== 404) { console.error(e); }',
  ])('does not: %s', (source) => {
    expect(answersEveryPath(firstIf(source).consequent as Node)).toBe(false);
  });
});

describe('everyKind', () => {
  it.each(['if (error instanceof Error) callback(error);', 'if ((err) instanceof Object) return 1;'])(
    'recognises every real failure: %s',
    (source) => {
      expect(everyKind(firstTest(source), names)).toBe(true);
    },
  );

  it.each([
    'if (error instanceof ValidationError) return 1;',
    "if (error instanceof Error && error.name === 'Throttled') return 1;",
    'if (other instanceof Error) return 1;',
    'if (!(error instanceof Error)) return 1;',
  ])('names a kind, or tests something else: %s', (source) => {
    expect(everyKind(firstTest(source), names)).toBe(false);
  });
});
