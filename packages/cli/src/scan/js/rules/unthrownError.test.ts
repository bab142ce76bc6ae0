// Which statements build an error object and drop it (unthrownError).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { unthrownError } from './unthrownError.js';

/** The first statement of `source`. */
function statement(source: string): Node {
  const parsed = parseSync('m.ts', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return (parsed.program.body as unknown as Node[])[0] as Node;
}

describe('unthrownError', () => {
  it.each([
    "new VisibleError('Failed to notify', { cause: err });",
    'new Error(String(e));',
    'new errors.HttpException(500);',
    '(new AppFault(e));',
  ])('an error built and dropped: %s', (source) => {
    expect(unthrownError(statement(source))).toBe(true);
  });

  it.each([
    "throw new VisibleError('Failed', { cause: err });",
    'return new Error(e.message);',
    'reject(new Error(e.message));',
    'const wrapped = new Error(e.message);',
    'new Notifier(config);',
    'new ErrorReporter(config).send(e);',
  ])('not one: %s', (source) => {
    expect(unthrownError(statement(source))).toBe(false);
  });
});
