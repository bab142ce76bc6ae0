import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../__support__/CapturingLogger.js';
import { childLogger, isLoggerLike, type LoggerLike } from './LoggerLike.js';

const noop = () => undefined;
const consoleLike = (): LoggerLike => ({ debug: noop, info: noop, warn: noop, error: noop });

describe('isLoggerLike', () => {
  it('accepts a Powertools Logger and a console-like object', () => {
    expect(isLoggerLike(new CapturingLogger())).toBe(true);
    expect(isLoggerLike(consoleLike())).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'console'],
    ['a function carrying the four methods', Object.assign(() => undefined, consoleLike())],
    ['an object missing one method', { debug: noop, info: noop, warn: noop }],
    ['an object with one method only', { error: noop }],
    [
      'a proxy whose reads throw',
      new Proxy(
        {},
        {
          get() {
            throw new Error('hostile');
          },
        },
      ),
    ],
  ])('refuses %s', (_, value) => {
    expect(isLoggerLike(value)).toBe(false);
  });
});

describe('childLogger', () => {
  it('gives a Powertools child carrying the correlation id and the keys', () => {
    // Arrange
    const parent = new CapturingLogger();

    // Act
    const child = childLogger(parent, 'm-1', { messageId: 'm-1' });
    child.info('handled');

    // Assess
    expect(child).not.toBe(parent);
    expect(parent.find('handled')[0]).toMatchObject({ correlation_id: 'm-1', messageId: 'm-1' });
  });

  it('attaches no keys when none are given', () => {
    // Arrange
    const parent = new CapturingLogger();

    // Act
    childLogger(parent, 'req-1').info('answered');

    // Assess
    const [line] = parent.find('answered');
    expect(line).toMatchObject({ correlation_id: 'req-1' });
    expect(line).not.toHaveProperty('messageId');
  });

  it('uses a logger that cannot make children as it is', () => {
    // Arrange
    const plain = consoleLike();

    // Act / Assess
    expect(childLogger(plain, 'm-1', { messageId: 'm-1' })).toBe(plain);
  });

  it('uses a child without setCorrelationId or appendKeys as it is', () => {
    // Arrange
    const bare = consoleLike();
    const parent = { ...consoleLike(), createChild: () => bare };

    // Act / Assess
    expect(childLogger(parent, 'm-1', { messageId: 'm-1' })).toBe(bare);
  });
});
