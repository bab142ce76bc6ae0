import { describe, expect, it } from 'vitest';
import { sqsBatchMiddleware } from './sqsBatchMiddleware.js';

const shape = '(record, ctx) => Promise<unknown>';

describe('sqsBatchMiddleware construction', () => {
  it.each([
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a number', 42, 'number'],
    ['an object', { handler() {} }, 'object'],
  ])('refuses %s as the record handler, naming what it got', (_, value, got) => {
    expect(() => sqsBatchMiddleware(value as never)).toThrow(
      new TypeError(`sqsBatchMiddleware: recordHandler must be a function ${shape}; got ${got}.`),
    );
  });

  it('names itself, not sqsHandler, in an option error', () => {
    expect(() => sqsBatchMiddleware(async () => undefined, { body: 'xml' } as never)).toThrow(
      new TypeError(`sqsBatchMiddleware: body must be 'json' or 'text', got "xml"`),
    );
  });
});
