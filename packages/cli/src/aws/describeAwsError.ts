// What an operator should read when SQS or EventBridge refuses or does not answer: which call, the cause in
// their words, and what to do next. Every part the service controls (names, messages) is escaped for the
// terminal and redacted.
import { terminalText } from '../breaker/terminalText.js';

export interface AwsErrorContext {
  /** `SQS`, `EventBridge`. */
  readonly service: string;
  /** The IAM action prefix: `sqs`, `events`. */
  readonly iamPrefix: string;
  /** The operation that failed: `StartMessageMoveTask`. */
  readonly operation: string;
  /** What it was called on: a queue or archive name. */
  readonly resource: string;
  /** The per-request timeout the client was given, in ms. */
  readonly timeoutMs: number;
  /** The IAM actions the whole command needs, for an access-denied message. */
  readonly permissions: string;
  /** For a write: what to check when it timed out (it may have happened). */
  readonly afterTimeout?: string | undefined;
  /** Names of "not found" errors and what they mean here. */
  readonly notFound?: Readonly<Record<string, string>>;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'Throttling',
  'LimitExceededException',
]);
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'InvalidSecurity',
  'UnauthorizedOperation',
]);

export function describeAwsError(error: unknown, context: AwsErrorContext): string {
  const { service, operation, resource } = context;
  const rawName = (error as { name?: unknown } | null)?.name;
  const name = typeof rawName === 'string' ? terminalText(rawName) : undefined;
  const message = terminalText(error instanceof Error ? error.message : String(error));
  const attempts = (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts;
  const after = attempts === undefined ? '' : ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const notFound = name === undefined ? undefined : context.notFound?.[name];
  if (notFound !== undefined) return `${notFound} (${name}: ${message})`;
  if (name !== undefined && ACCESS_DENIED.has(name)) {
    return (
      `access denied: ${context.iamPrefix}:${operation} on ${resource} (${name}: ${message}). ` +
      `The role needs ${context.permissions}; see docs/runbook.md`
    );
  }
  if (name !== undefined && THROTTLING.has(name)) {
    return `${service} throttled ${operation} on ${resource}${after} (${name}: ${message}); wait a minute and run it again`;
  }
  if (name === 'CredentialsProviderError') return `no AWS credentials for ${operation}: ${message}`;
  if (name === 'TimeoutError') {
    return (
      `${service} did not answer ${operation} on ${resource} within ${context.timeoutMs / 1000} s${after}: ${message}. ` +
      `Check the network path to ${service} (VPC endpoint, proxy, AWS_ENDPOINT_URL_*), or raise --timeout` +
      (context.afterTimeout === undefined ? '' : `; ${context.afterTimeout}`)
    );
  }
  return `${service} ${operation} on ${resource} failed${after}: ${name === undefined ? '' : `${name}: `}${message}`;
}
