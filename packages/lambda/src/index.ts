// @bulwark/lambda: hardened Lambda handlers. Middy middlewares live in the `@bulwark/lambda/middy` subpath so
// the root entry never loads middy types or code.

export type { RemainingTime } from './deadline/DeadlineGuard.js';
export type { HttpBreakerDependency, HttpHandlerOptions, SchemaByMethod } from './http/HttpHandlerOptions.js';
export { DEFAULT_HTTP_HANDLER_OPTIONS } from './http/HttpHandlerOptions.js';
export type { HttpRequestContext, HttpRouteHandler } from './http/HttpRequestContext.js';
export type {
  HttpEvent,
  HttpEventSource,
  HttpResult,
  LambdaHttpResponse,
} from './http/httpEvent.js';
export type { HttpLambdaHandler } from './http/httpHandler.js';
export { httpHandler } from './http/httpHandler.js';
export { InvalidRequestError, isInvalidRequestError } from './http/InvalidRequestError.js';
export type { LoggerLike, LogInput } from './internal/LoggerLike.js';
export type { MetricsLike } from './internal/MetricsLike.js';
// Breaker probe (owner: shared-state helper)
export type {
  BreakerProbeOptions,
  BreakerProbeResult,
  HealthCheck,
  HealthCheckContext,
  HealthCheckResult,
  ProbeDependency,
  ProbeDependencyResult,
} from './probe/breakerProbeHandler.js';
export { breakerProbeHandler, DEFAULT_BREAKER_PROBE } from './probe/breakerProbeHandler.js';
export type {
  FieldIssue,
  InferOutput,
  StandardSchemaIssue,
  StandardSchemaResult,
  StandardSchemaV1,
} from './schema/StandardSchema.js';
export type { BatchSummary } from './sqs/BatchSummary.js';
export { SQS_METRIC_NAMES } from './sqs/BatchSummary.js';
export { FullBatchFailureError, isFullBatchFailure } from './sqs/FullBatchFailureError.js';
export { InvalidRecordError, isInvalidRecordError } from './sqs/InvalidRecordError.js';
export type {
  BreakerAwareDependency,
  PermanentFailure,
  PermanentFailureHook,
  PermanentFailurePolicy,
  SqsDeadlineOptions,
  SqsHandlerOptions,
  SqsIdempotencyOptions,
} from './sqs/SqsHandlerOptions.js';
export { DEFAULT_SQS_HANDLER_OPTIONS } from './sqs/SqsHandlerOptions.js';
export type { SqsRecordContext, SqsRecordHandler } from './sqs/SqsRecordContext.js';
export type { SqsBatchHandler } from './sqs/sqsHandler.js';
export { sqsHandler } from './sqs/sqsHandler.js';
