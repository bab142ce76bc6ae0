// Which catch checks answer every failure but the kinds they name (allButNamedKinds).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import { allButNamedKinds } from './allButOneKind.js';

/** The test of the first `if` in `source`. */
function firstTest(source: string): Node {
  const parsed = parseSync('m.ts', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  let found: Node | undefined;
  someDescendant(parsed.program as unknown as Node, (n) => {
    if (n.type === 'IfStatement') found ??= n;
    return false;
  });
  if (found === undefined) throw new Error(`no if in ${source}`);
  return found.test as Node;
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
