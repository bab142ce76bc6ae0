// Type-level promise: the logger options take any object with the logging methods, not one Logger class.
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expectTypeOf, it } from 'vitest';
import { breakerProbeHandler, httpHandler, type LoggerLike, sqsHandler } from '../index.js';
import { httpMiddleware, sqsBatchMiddleware } from '../middy/index.js';

// A Logger of another 2.x copy is, to tsc, another class with the same public methods.
interface OtherPowertoolsLogger {
  debug(input: string | { message: string }, ...extra: (Error | string | Record<string, unknown>)[]): void;
  info(input: string | { message: string }, ...extra: (Error | string | Record<string, unknown>)[]): void;
  warn(input: string | { message: string }, ...extra: (Error | string | Record<string, unknown>)[]): void;
  error(input: string | { message: string }, ...extra: (Error | string | Record<string, unknown>)[]): void;
  createChild(options?: { serviceName?: string }): OtherPowertoolsLogger;
  setCorrelationId(value: unknown, correlationIdPath?: string): void;
  appendKeys(attributes: Record<string, unknown>): void;
}

describe('logger options', () => {
  it('accept a Powertools Logger', () => {
    expectTypeOf(new Logger()).toExtend<LoggerLike>();
    sqsHandler(() => undefined, { logger: new Logger() });
  });

  it('accept a Logger of another Powertools copy', () => {
    const other = {} as OtherPowertoolsLogger;
    sqsHandler(() => undefined, { logger: other });
    httpHandler(() => undefined, { logger: other });
    sqsBatchMiddleware(() => undefined, { logger: other });
    httpMiddleware({ logger: other });
    breakerProbeHandler({ dependencies: [{ name: 'edna', url: 'https://edna.test' }], logger: other });
  });

  it('accept the console', () => {
    sqsHandler(() => undefined, { logger: console });
    httpHandler(() => undefined, { logger: console });
    breakerProbeHandler({ dependencies: [{ name: 'edna', url: 'https://edna.test' }], logger: console });
  });

  it('refuse an object without the logging methods', () => {
    // @ts-expect-error: no debug/info/warn/error
    sqsHandler(() => undefined, { logger: { log: console.log } });
  });
});
