// @bulwark/testing: the failure-mode kit. Every public name is listed here.

/** msw 3 calls it `SetupServer`; the alias keeps the name the contract uses. */
export type { SetupServer as SetupServerApi } from 'msw/node';
// Failure-mode assertions (owned by the policies helper, in ./assertions/) are exported below.
export type { AssertableDependency, AttemptContext } from './assertions/AssertableDependency.js';
export type { ExpectBreakerOpensOptions } from './assertions/expectBreakerOpens.js';
export { expectBreakerOpens } from './assertions/expectBreakerOpens.js';
export type { ExpectFallbackOptions } from './assertions/expectFallback.js';
export { expectFallback } from './assertions/expectFallback.js';
export type { ExpectHalfOpenProbeOptions } from './assertions/expectHalfOpenProbe.js';
export { expectHalfOpenProbe } from './assertions/expectHalfOpenProbe.js';
export type { ExpectRetryExhaustionOptions } from './assertions/expectRetryExhaustion.js';
export { expectRetryExhaustion } from './assertions/expectRetryExhaustion.js';
export type { ExpectTimeoutFiresOptions, TimeoutFired } from './assertions/expectTimeoutFires.js';
export { expectTimeoutFires } from './assertions/expectTimeoutFires.js';
export type { IdempotencyTableOptions, LocalDynamo } from './dynamo/startLocalDynamo.js';
export { LOCAL_CREDENTIALS, startLocalDynamo } from './dynamo/startLocalDynamo.js';
export type {
  ArchivedEvent,
  EventBridgeArchiveOptions,
  EventBridgeEmulator,
  EventBridgeEmulatorOptions,
  EventBridgeOperation,
  EventBridgeReplay,
} from './eventbridge/eventBridgeEmulator.js';
export { EVENTBRIDGE_OPERATIONS, eventBridgeEmulator } from './eventbridge/eventBridgeEmulator.js';
export type {
  FaultServer,
  FaultServerResponse,
  FaultServerScript,
  FaultServerStep,
} from './faultServer/startFaultServer.js';
export { startFaultServer } from './faultServer/startFaultServer.js';
export type { FaultHandler, FaultUrl } from './faults/FaultHandler.js';
export type { FaultResponse, FaultStep } from './faults/FaultStep.js';
export { faults } from './faults/faults.js';
export type { FlakyOptions } from './faults/flaky.js';
export type { LatencyOptions } from './faults/latency.js';
export { mulberry32 } from './faults/mulberry32.js';
export type { SlowBodyOptions } from './faults/slowBody.js';
export type { StatusOptions } from './faults/status.js';
export { albEvent } from './lambda/albEvent.js';
export { apiGatewayRestEvent } from './lambda/apiGatewayRestEvent.js';
export type { HttpEventInput } from './lambda/apiGatewayV2Event.js';
export { apiGatewayV2Event } from './lambda/apiGatewayV2Event.js';
export type { LambdaContextOptions } from './lambda/lambdaContext.js';
export { DEFAULT_LAMBDA_CONTEXT, lambdaContext } from './lambda/lambdaContext.js';
export type { SqsEventInput } from './lambda/sqsEvent.js';
export { sqsEvent } from './lambda/sqsEvent.js';
export type { SqsRecordInput } from './lambda/sqsRecord.js';
export { DEFAULT_QUEUE_ARN, sqsRecord } from './lambda/sqsRecord.js';
export { errorOnUnhandledExceptLoopback, isLoopback } from './msw/onUnhandledFrame.js';
export { takeScriptErrors } from './msw/scriptErrors.js';
export { startMswServer } from './msw/startMswServer.js';
export { useMswServer } from './msw/useMswServer.js';
export type {
  SqsCreateQueueOptions,
  SqsEmulator,
  SqsEmulatorOptions,
  SqsMoveTask,
  SqsOperation,
  SqsSendOptions,
  SqsStoredMessage,
} from './sqs/sqsEmulator.js';
export { SQS_OPERATIONS, sqsEmulator } from './sqs/sqsEmulator.js';
export type { SqsMoveTaskStatus } from './sqs/sqsMoveTasks.js';
export type {
  SsmEmulator,
  SsmEmulatorOptions,
  SsmOperation,
  SsmParameterType,
  SsmPutOptions,
  SsmStoredParameter,
} from './ssm/ssmEmulator.js';
export { SSM_OPERATIONS, ssmEmulator } from './ssm/ssmEmulator.js';
