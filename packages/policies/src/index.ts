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
