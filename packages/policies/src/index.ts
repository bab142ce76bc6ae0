// The policy chain (owner: policies helper)
export type {
  BreakEvent,
  BudgetExhaustedEvent,
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
  RetryEvent,
  StateEvent,
  TimeoutEvent,
} from './Dependency.js';
export { withDeadline } from './deadline/withDeadline.js';
export { DEPENDENCY_METRIC_NAMES } from './events/wireTelemetry.js';
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
export type {
  BreakerStateDocument,
  FleetBreakerState,
  SharedBreakerState,
} from './sharedState/SharedBreakerState.js';
export type {
  SharedStateLogger,
  SharedStateMetrics,
  SsmBreakerState,
  SsmBreakerStateOptions,
  SsmBreakerStateStats,
} from './sharedState/ssmBreakerState.js';
export { DEFAULT_SSM_BREAKER_STATE, ssmBreakerState } from './sharedState/ssmBreakerState.js';
