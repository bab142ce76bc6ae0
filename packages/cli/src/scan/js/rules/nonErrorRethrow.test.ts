// Which catch bodies rethrow a failure, with a guard that rethrows only non-Error values set aside.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { nonErrorGuard, rethrowsErrors } from './nonErrorRethrow.js';

/** The catch clause's body of `try { work() } catch (e) { <body> }`. */
function catchBody(body: string): Node {
  const source = `try { work() } catch (e) { ${body} }`;
  const ctx = contextOf(source);
  const tryStatement = (ctx.program.body as Node[])[0] as Node;
  return (tryStatement.handler as Node).body as Node;
}

describe('rethrowsErrors', () => {
  it.each([
    ['only the non-Error guard', 'if (!(e instanceof Error)) throw e; log(e.message)', false],
    ['the guard in braces', 'if (!(e instanceof Error)) { throw e } log(e.message)', false],
    [
      'the guard, then a rethrow of the rest',
      'if (!(e instanceof Error)) throw e; if (e.name === "Gone") return; throw e',
      true,
    ],
    ['a plain rethrow', 'log(e); throw e', true],
    ['an Error guard that throws (the opposite test)', 'if (e instanceof Error) throw e', true],
    ['a guard with an else', 'if (!(e instanceof Error)) throw e; else log(e)', true],
    ['a guard that throws something else', 'if (!(e instanceof Error)) throw new Error(String(e))', true],
    ['no throw at all', 'log(e)', false],
  ])('%s', (_name, body, expected) => {
    // Act
    const result = rethrowsErrors(catchBody(body));

    // Assess
    expect(result).toBe(expected);
  });
});

describe('nonErrorGuard', () => {
  it('is the guard statement itself, not a log beside it', () => {
    // Prepare
    const [guard, log] = catchBody('if (!(e instanceof Error)) throw e; log(e)').body as Node[];

    // Act
    const answers = [nonErrorGuard(guard), nonErrorGuard(log)];

    // Assess
    expect(answers).toEqual([true, false]);
  });
});
