export type { Classification, ErrorKindName, FailureReasonName } from './Classification.js';
export { ErrorKind, FailureReason } from './Classification.js';
export { isDependencyDownError, isPermanentError, isResilienceError, isTransientError } from './guards.js';
export type { ResilienceErrorOptions } from './ResilienceError.js';
export { DependencyDownError, PermanentError, ResilienceError, TransientError } from './ResilienceError.js';
