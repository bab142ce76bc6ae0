// The code rules the per-file pass (analyzeModule.ts) runs on every module it analyses, in order: where two
// rules report the same line, the first report is the one kept.
import { asyncInvokeEnvRules } from './rules/asyncInvokeEnv.js';
import { asyncInvokeNameRules } from './rules/asyncInvokeNames.js';
import { authRules } from './rules/auth.js';
import { authAcrossModulesRules } from './rules/authAcrossModules.js';
import { batchCallbackRules } from './rules/batchCallbacks.js';
import { droppedBatchMethodRules } from './rules/batchMethods.js';
import { ownedBatchWrapperRules } from './rules/batchWrappers.js';
import { cdkRules } from './rules/cdk.js';
import { cdkSelfConsumerRules } from './rules/cdkSelfConsumers.js';
import { cdkWrapperRules } from './rules/cdkWrappers.js';
import { droppedFailureValueRules } from './rules/droppedFailureValues.js';
import { errorValueRules } from './rules/errorValues.js';
import { exhaustedRetryRules } from './rules/exhaustedRetry.js';
import { gatheredFailureRules } from './rules/gatheredFailures.js';
import { googleApiRules } from './rules/googleApis.js';
import { httpRules } from './rules/http.js';
import { httpClientClassRules } from './rules/httpClientClasses.js';
import { lambdaRules } from './rules/lambda.js';
import { partialBatchRules } from './rules/partialBatch.js';
import { queueErrorValueRules } from './rules/queueErrorValues.js';
import type { Rule } from './rules/Report.js';
import { retryRules } from './rules/retry.js';
import { sdkRules } from './rules/sdk.js';
import { sdkQueueRules } from './rules/sdkQueues.js';
import { searchBulkRule } from './rules/searchBulk.js';
import { serverlessTsRules } from './rules/serverlessTs.js';
import { serverlessTsInvokedRules } from './rules/serverlessTsInvoked.js';
import { sstApiTimeoutRules } from './rules/sstApiTimeouts.js';
import { sstAsyncSubscriberRules } from './rules/sstAsyncSubscribers.js';
import { sstBatchOneRules } from './rules/sstBatchOne.js';
import { sstCronJobRules, sstV3CronRules } from './rules/sstCronJobs.js';
import { sstEventBusRules } from './rules/sstEventBus.js';
import { sstEventWiredRules } from './rules/sstEventWired.js';
import { sstFunctionDefaultRules } from './rules/sstFunctionDefaults.js';
import { sstQueueConcurrencyRules } from './rules/sstQueueConcurrency.js';
import { sstQueueRules } from './rules/sstQueues.js';
import { sstRouteTableRules } from './rules/sstRouteTables.js';
import { sstStackFieldRules } from './rules/sstStackFields.js';
import { sstStreamConsumerRules } from './rules/sstStreamConsumers.js';
import { sstV3ApiTimeoutRules } from './rules/sstV3ApiTimeouts.js';
import { sstV3BusRules } from './rules/sstV3Bus.js';
import { sstV3DlqAlarmRules } from './rules/sstV3DlqAlarms.js';
import { sstV3PartialResponseRules } from './rules/sstV3PartialResponses.js';
import { sstV3QueueConcurrencyRules } from './rules/sstV3QueueConcurrency.js';
import { sstV3QueueDlqRules } from './rules/sstV3QueueDlq.js';
import { sstV3StreamSubscribeRules } from './rules/sstV3StreamSubscribe.js';
import { sstV3TopicRules } from './rules/sstV3Topic.js';
import { swallowRules } from './rules/swallowed.js';
import { tsResourceQueueRules } from './rules/tsResourceQueues.js';

/** Every code rule, in the order they run. */
export const RULES: readonly Rule[] = [
  httpRules,
  httpClientClassRules,
  googleApiRules,
  sdkRules,
  sdkQueueRules,
  retryRules,
  authRules,
  authAcrossModulesRules,
  // Before swallowRules: its verdict on a catch is unconditional, and the first report of a line is the
  // one kept, while a helper's catch that swallowRules reports waits on the project pass.
  exhaustedRetryRules,
  swallowRules,
  errorValueRules,
  queueErrorValueRules,
  droppedFailureValueRules,
  partialBatchRules,
  searchBulkRule,
  batchCallbackRules,
  gatheredFailureRules,
  droppedBatchMethodRules,
  ownedBatchWrapperRules,
  lambdaRules,
  cdkRules,
  cdkWrapperRules,
  cdkSelfConsumerRules,
  serverlessTsRules,
  asyncInvokeEnvRules,
  asyncInvokeNameRules,
  serverlessTsInvokedRules,
  sstBatchOneRules,
  sstQueueRules,
  sstQueueConcurrencyRules,
  sstApiTimeoutRules,
  sstStackFieldRules,
  sstRouteTableRules,
  sstV3ApiTimeoutRules,
  sstFunctionDefaultRules,
  sstEventBusRules,
  sstAsyncSubscriberRules,
  sstV3BusRules,
  sstV3QueueConcurrencyRules,
  sstV3PartialResponseRules,
  sstV3QueueDlqRules,
  sstV3StreamSubscribeRules,
  sstV3TopicRules,
  sstV3CronRules,
  sstV3DlqAlarmRules,
  tsResourceQueueRules,
  sstStreamConsumerRules,
  sstCronJobRules,
  sstEventWiredRules,
];
