import { randomUUID } from 'node:crypto';
import { optionError, readOptions } from '@bulwark/errors';
import type { Context } from 'aws-lambda';
import { readDuration } from '../options/readNumberOption.js';

/**
 * Options of {@link lambdaContext}.
 *
 * @example
 * ```ts
 * const options: LambdaContextOptions = { remainingMs: 3_000, functionName: 'orders' };
 * ```
 */
export interface LambdaContextOptions {
  /** Time left when the context is built. @defaultValue 30_000 (`DEFAULT_LAMBDA_CONTEXT.remainingMs`) */
  readonly remainingMs?: number;
  /** @defaultValue 'bulwark-test-function' */
  readonly functionName?: string;
  /** The clock the deadline is read against. @defaultValue Date.now (so vitest fake timers move it) */
  readonly now?: () => number;
  /** @defaultValue '128' */
  readonly memoryLimitInMB?: string;
}

/** The defaults of {@link lambdaContext}. */
export const DEFAULT_LAMBDA_CONTEXT = {
  remainingMs: 30_000,
  functionName: 'bulwark-test-function',
  memoryLimitInMB: '128',
} as const;

/**
 * A Lambda `Context` whose `getRemainingTimeInMillis()` counts down from `remainingMs` as the clock
 * moves: advance vitest's fake timers (or your injected `now`) and the invocation runs out of time.
 *
 * @example
 * ```ts
 * vi.useFakeTimers();
 * const context = lambdaContext({ remainingMs: 1_000 });
 * vi.advanceTimersByTime(400);
 * context.getRemainingTimeInMillis(); // 600
 * ```
 */
export function lambdaContext(options: LambdaContextOptions = {}): Context {
  const o = readOptions('lambdaContext', options, ['remainingMs', 'functionName', 'now', 'memoryLimitInMB']);
  const remainingMs = readDuration('lambdaContext', 'remainingMs', o.remainingMs, {
    fallback: DEFAULT_LAMBDA_CONTEXT.remainingMs,
  });
  const functionName = o.functionName ?? DEFAULT_LAMBDA_CONTEXT.functionName;
  const memoryLimitInMB = o.memoryLimitInMB ?? DEFAULT_LAMBDA_CONTEXT.memoryLimitInMB;
  if (typeof functionName !== 'string' || functionName === '') {
    throw optionError('lambdaContext', 'functionName', functionName, 'a non-empty string');
  }
  if (typeof memoryLimitInMB !== 'string') {
    throw optionError(
      'lambdaContext',
      'memoryLimitInMB',
      memoryLimitInMB,
      "a string (Lambda's own type), like '128'",
    );
  }
  if (o.now !== undefined && typeof o.now !== 'function') {
    throw optionError('lambdaContext', 'now', o.now, 'a function returning epoch ms');
  }
  // Read Date.now at call time, not import time, so fake timers installed later still apply.
  const now = (o.now as (() => number) | undefined) ?? (() => Date.now());
  const deadline = now() + remainingMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB,
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/01/01/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
