// A listener is the caller's code running inside a call: what it throws, or a promise it returns that
// rejects, is reported once through the logger; anything else it returns is ignored. Driven through a
// real cockatiel EventEmitter, the one the dependency's events use.

import { EventEmitter } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { guarded, listenerReporter } from './guardListener.js';

/** A logger that records its warnings. */
function recordingLogger() {
  const warnings: [string, Record<string, unknown>][] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (message: string, extra?: object) => warnings.push([message, { ...extra }]),
  };
}

/** `edna.onRetry` wired to a recording logger, and a way to emit. */
function onRetry() {
  const logger = recordingLogger();
  const emitter = new EventEmitter<{ attempt: number }>();
  const subscribe = guarded(emitter, 'edna.onRetry', listenerReporter('edna', logger));
  return { logger, subscribe, emit: () => emitter.emit({ attempt: 1 }) };
}

/** Lets a rejected promise's handlers run (no timer involved). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('guarded listeners', () => {
  it.each([
    ['a string', 'pager', '"pager"'],
    ['undefined', undefined, 'undefined'],
  ])('a listener that is %s is a TypeError naming the event', (_, listener, shown) => {
    // Prepare
    const { subscribe } = onRetry();
    // Act + Assess
    expect(() => subscribe(listener as never)).toThrow(
      new TypeError(`edna.onRetry: listener must be a function, got ${shown}`),
    );
  });

  it('a listener that throws is reported once, with the error serialized', () => {
    // Prepare
    const { logger, subscribe, emit } = onRetry();
    subscribe(() => {
      throw new RangeError('pager down');
    });
    // Act
    emit();
    // Assess
    expect(logger.warnings).toEqual([
      [
        'dependency event listener failed',
        {
          dependency: 'edna',
          event: 'edna.onRetry',
          error: expect.objectContaining({ name: 'RangeError', message: 'pager down' }),
        },
      ],
    ]);
  });

  it('a returned promise that rejects is reported once', async () => {
    // Prepare
    const { logger, subscribe, emit } = onRetry();
    subscribe(() => Promise.reject(new Error('pager 500')));
    // Act
    emit();
    await settled();
    // Assess
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.[1]).toMatchObject({ event: 'edna.onRetry', error: { message: 'pager 500' } });
  });

  it('a returned function that is a thenable and rejects is reported once', async () => {
    // Prepare
    const { logger, subscribe, emit } = onRetry();
    const thenable = Object.assign(() => undefined, {
      // biome-ignore lint/suspicious/noThenProperty: a function-shaped thenable is what this test is about
      then: (_: unknown, reject: (error: unknown) => void) => reject(new Error('pager 502')),
    });
    subscribe(() => thenable);
    // Act
    emit();
    await settled();
    // Assess
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.[1]).toMatchObject({ error: { message: 'pager 502' } });
  });

  it('a returned object whose then getter throws is reported once', () => {
    // Prepare
    const { logger, subscribe, emit } = onRetry();
    subscribe(() =>
      Object.defineProperty({}, 'then', {
        get: () => {
          throw new Error('hostile then');
        },
      }),
    );
    // Act
    emit();
    // Assess
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.[1]).toMatchObject({ error: { message: 'hostile then' } });
  });

  it.each([
    [
      'an object whose then is not a function',
      () => Object.defineProperty({}, 'then', { value: 42, enumerable: true }),
    ],
    ['a resolved promise', () => Promise.resolve('ok')],
    ['a number', () => 7],
    ['null', () => null],
  ])('returning %s reports nothing', async (_, listener) => {
    // Prepare
    const { logger, subscribe, emit } = onRetry();
    subscribe(listener);
    // Act
    emit();
    await settled();
    // Assess
    expect(logger.warnings).toEqual([]);
  });

  it('a logger that throws is ignored, and the next listener still runs', () => {
    // Prepare
    const emitter = new EventEmitter<{ attempt: number }>();
    const broken = {
      info: () => undefined,
      warn: () => {
        throw new Error('logger down');
      },
    };
    const subscribe = guarded(emitter, 'edna.onRetry', listenerReporter('edna', broken));
    const seen: number[] = [];
    subscribe(() => {
      throw new Error('pager down');
    });
    subscribe((e) => seen.push(e.attempt));
    // Act + Assess
    expect(() => emitter.emit({ attempt: 2 })).not.toThrow();
    expect(seen).toEqual([2]);
  });
});
