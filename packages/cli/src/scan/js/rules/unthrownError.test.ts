// Which statements build an error object and drop it (unthrownError), and what building it does (droppedError).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { droppedError, unthrownError } from './unthrownError.js';

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
    "void new AppError('Failed', { cause: e });",
  ])('an error built and dropped: %s', (source) => {
    expect(unthrownError(statement(source))).toBe(true);
  });

  // Not the statement shape: these fail before the class name is looked at.
  it.each([
    "throw new VisibleError('Failed', { cause: err });",
    'return new Error(e.message);',
    'reject(new Error(e.message));',
    'const wrapped = new Error(e.message);',
    'new ErrorReporter(config).send(e);',
  ])('not one (not a dropped `new`): %s', (source) => {
    expect(unthrownError(statement(source))).toBe(false);
  });

  // A dropped `new` whose class name does not end in Error/Exception/Fault: the name test decides these.
  it.each(['new Notifier(config);', 'new ErrorHandler(cfg);', 'new errors.Reporter(e);', 'new Terror();'])(
    'not one (not an error class): %s',
    (source) => {
      expect(unthrownError(statement(source))).toBe(false);
    },
  );
});

describe('droppedError', () => {
  it.each([
    ['new Error(String(e));', 'nothing'],
    ["new TypeError('bad input');", 'nothing'],
    ['void new RangeError(e.message);', 'nothing'],
    ["new DOMException('aborted', 'AbortError');", 'nothing'],
    ["new VisibleError('Failed', { cause: e });", 'log'],
    // Only the global name is the built-in: a namespace's `Error` is the project's class.
    ['new errors.Error(e);', 'log'],
    ['new Notifier(config);', undefined],
  ])('%s -> %s', (source, answer) => {
    expect(droppedError(statement(source))).toBe(answer);
  });
});
