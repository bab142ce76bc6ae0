import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

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
  const { remainingMs, functionName, memoryLimitInMB } = { ...DEFAULT_LAMBDA_CONTEXT, ...options };
  // Read Date.now at call time, not import time, so fake timers installed later still apply.
  const now = options.now ?? (() => Date.now());
  if (typeof remainingMs !== 'number' || !Number.isFinite(remainingMs) || remainingMs < 0) {
    throw new TypeError(
      `lambdaContext: remainingMs must be a finite number >= 0, got ${String(remainingMs)}`,
    );
  }
  if (typeof functionName !== 'string' || functionName === '') {
    throw new TypeError(
      `lambdaContext: functionName must be a non-empty string, got ${String(functionName)}`,
    );
  }
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
