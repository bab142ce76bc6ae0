// The policy chain (owner: policies helper)
export type {
  BreakEvent,
  BudgetExhaustedEvent,
  CooldownEvent,
  Dependency,
  DependencyEvent,
  DependencyState,
  DependencyStats,
  ExecuteContext,
  ExecuteOptions,
  FallbackEvent,
  FetchOptions,
  GiveUpEvent,
  GiveUpReason,
  RateLimitedEvent,
  RetryEvent,
  StateEvent,
  TimeoutEvent,
} from './Dependency.js';
export { withDeadline } from './deadline/withDeadline.js';
export type {
  BackoffOptions,
  BreakerCommonOptions,
  BreakerOptions,
  BulkheadOptions,
  ConsecutiveBreakerOptions,
  CountBreakerOptions,
  DeadlineSource,
  DependencyLogger,
  DependencyMetrics,
  DependencyOptions,
  FallbackContext,
  RetryBudgetOptions,
  RetryOptions,
  SamplingBreakerOptions,
  SlowCallOptions,
  TimeoutOptions,
} from './options/DependencyOptions.js';
export { DEFAULT_DEPENDENCY_OPTIONS } from './options/defaults.js';
export type { ProtectOptions } from './sdk/ProtectOptions.js';
export { DEFAULT_PROTECT_OPTIONS } from './sdk/ProtectOptions.js';
export type { ProtectableClient } from './sdk/SdkClient.js';
export type { AdaptiveThrottleOptions } from './stages/adaptiveThrottle.js';
export type { BreakDurationOptions } from './stages/breakDuration.js';
export type { CooldownOptions } from './stages/cooldown.js';
export type { RateLimitOptions } from './stages/rateLimit.js';
export type { CallOutcome } from './telemetry/callObserver.js';
export {
  CALL_DURATION_METRIC,
  DEPENDENCY_METRIC_NAMES,
  STAGE_METRIC_NAMES,
} from './telemetry/wireTelemetry.js';
export { wrapDependency } from './wrapDependency.js';
// Internal on purpose: PolicyChain (the class behind Dependency), RetryBudget, SlowCallBreaker, runAttempt.

// Shared breaker state (owner: shared-state helper)
export type {
  BreakerDocumentProblem,
  BreakerDocumentResult,
  ParseBreakerDocumentOptions,
} from './sharedState/breakerDocument.js';
export {
  BREAKER_DOCUMENT_VERSION,
  MAX_BREAKER_DOCUMENT_LENGTH,
  parseBreakerDocument,
  serializeBreakerDocument,
  validateBreakerDocument,
} from './sharedState/breakerDocument.js';
export type { BreakerParameter } from './sharedState/breakerParameters.js';
export {
  breakerParameterName,
  DEFAULT_BREAKER_PREFIX,
  listBreakerParameters,
  readBreakerParameter,
  writeBreakerParameter,
} from './sharedState/breakerParameters.js';
export { checkDependencyName, MAX_DEPENDENCY_NAME_LENGTH } from './sharedState/dependencyName.js';
export { DEFAULT_FLEET_RETRY_HINT_MS, fleetRetryAfterMs } from './sharedState/fleetRetryAfter.js';
export type {
  BreakerStateDocument,
  FleetBreakerState,
  SharedBreakerState,
} from './sharedState/SharedBreakerState.js';
export { ssmBreakerState } from './sharedState/ssmBreakerState.js';
export type {
  SharedStateLogger,
  SharedStateMetrics,
  SsmBreakerStateOptions,
} from './sharedState/ssmBreakerStateOptions.js';
export { DEFAULT_SSM_BREAKER_STATE } from './sharedState/ssmBreakerStateOptions.js';
export type { SsmBreakerState, SsmBreakerStateStats } from './sharedState/ssmBreakerStateTypes.js';
