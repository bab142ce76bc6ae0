// serverless.yml (Serverless Framework): functions and their sqs / stream / http / async events, then
// the CloudFormation under `resources.Resources`.
import { checkCloudFormation } from './cloudformation.js';
import { GatewayTimeouts } from './gatewayTimeouts.js';
import { batchLink, type IacReport, type Json, num, obj } from './IacResult.js';

const API_GATEWAY_MAX_SECONDS = 29;
const HTTP_API_MAX_SECONDS = 30;

export function isServerless(value: unknown, file: string): boolean {
  const v = obj(value);
  return (
    v !== undefined &&
    (/(^|\/)serverless\.ya?ml$/.test(file) ||
      (v.service !== undefined && obj(v.functions) !== undefined && v.provider !== undefined))
  );
}

/**
 * Whether an `eventBridge` event names its own `deadLetterQueueArn` (the rule target's DLQ, documented with
 * `retryPolicy` at serverless.com events/event-bridge): a queue ARN string, variable or intrinsic
 * (`Fn::GetAtt`, `Ref`, `Fn::ImportValue`), counted like SAM's per-event `DeadLetterConfig`.
 */
function hasEventDlq(event: Json | undefined): boolean {
  const dlq = obj(event)?.deadLetterQueueArn;
  return (typeof dlq === 'string' && dlq.trim() !== '') || obj(dlq) !== undefined;
}

/** Checks one configuration; `providerElsewhere` when its functions sit in a file the provider is not in. */
export function checkServerless(
  config: Record<string, Json>,
  report: IacReport,
  batchOneHandlers: string[],
  providerElsewhere = false,
): string[] {
  const provider = obj(config.provider) ?? {};
  const functions = obj(config.functions) ?? {};
  // provider.timeout governs every function that sets none: one finding there for those behind an API.
  const gateway = new GatewayTimeouts(
    report,
    providerElsewhere ? undefined : ['provider', 'timeout'],
    'provider timeout',
  );
  for (const [name, f] of Object.entries(functions)) {
    const fn = obj(f);
    if (fn === undefined) continue;
    const path = ['functions', name];
    const events = (Array.isArray(fn.events) ? fn.events : []) as Json[];
    const timeout = num(fn.timeout) ?? num(provider.timeout) ?? 6;
    const reserved = fn.reservedConcurrency !== undefined || fn.provisionedConcurrency !== undefined;
    // `deadLetter` is serverless-plugin-lambda-dead-letter's setting (a queue or topic for the function).
    const onFailure = obj(fn.destinations)?.onFailure ?? fn.onError ?? fn.deadLetter;
    // The integration timeout in front of the function: 29 s for a REST API (`http`), 30 s for an HTTP API.
    let api: number | undefined;
    events.forEach((ev, i) => {
      const e = obj(ev) ?? {};
      const evPath = [...path, 'events', i];
      if (e.sqs !== undefined) {
        const s = obj(e.sqs) ?? {};
        const batchSize = num(s.batchSize) ?? 10;
        if (batchSize === 1 && typeof fn.handler === 'string') batchOneHandlers.push(fn.handler);
        if (s.functionResponseType !== 'ReportBatchItemFailures' && batchSize !== 1)
          report(
            'batch-no-partial-failure',
            evPath,
            `sqs event of ${name} has no functionResponseType: ReportBatchItemFailures: one failed record fails the whole batch`,
            typeof fn.handler === 'string' ? batchLink(fn.handler) : undefined,
          );
        if (s.maximumConcurrency === undefined && !reserved)
          report(
            'iac-no-reserved-concurrency',
            evPath,
            `${name} consumes SQS with no reservedConcurrency or maximumConcurrency`,
          );
      } else if (e.stream !== undefined) {
        const s = obj(e.stream) ?? {};
        if (num(s.batchSize) === 1 && typeof fn.handler === 'string') batchOneHandlers.push(fn.handler);
        const unsplit = s.bisectBatchOnFunctionError !== true;
        if (s.functionResponseType !== 'ReportBatchItemFailures' && num(s.batchSize) !== 1)
          report(
            'batch-no-partial-failure',
            evPath,
            `stream event of ${name} has no functionResponseType: ReportBatchItemFailures${unsplit ? ' or bisectBatchOnFunctionError' : ''}`,
            typeof fn.handler === 'string' ? batchLink(fn.handler, unsplit) : undefined,
          );
        if (obj(s.destinations)?.onFailure === undefined)
          report(
            'iac-missing-dlq',
            evPath,
            `stream event of ${name} has no destinations.onFailure: failed records are retried until they expire`,
          );
      } else if (e.http !== undefined) api = API_GATEWAY_MAX_SECONDS;
      else if (e.httpApi !== undefined) api = Math.min(api ?? HTTP_API_MAX_SECONDS, HTTP_API_MAX_SECONDS);
      else if (
        // `cloudwatchEvent` is eventBridge's older name; a schedule's next run is its retry (as in templates).
        (e.eventBridge !== undefined ||
          e.cloudwatchEvent !== undefined ||
          e.sns !== undefined ||
          e.s3 !== undefined) &&
        onFailure === undefined &&
        !hasEventDlq(e.eventBridge)
      ) {
        report(
          'iac-missing-dlq',
          evPath,
          `${name} is invoked asynchronously with no destinations.onFailure, onError or deadLetter: failed events are dropped`,
        );
      }
    });
    if (api !== undefined)
      gateway.add({
        name,
        timeout,
        limit: api,
        path: fn.timeout !== undefined ? [...path, 'timeout'] : path,
        inherited: fn.timeout === undefined && num(provider.timeout) !== undefined,
        message: `${name} timeout ${timeout}s is longer than API Gateway's ${api}s: clients get 504 while it keeps running`,
      });
  }
  gateway.finish();
  const resources = obj(config.resources);
  return resources !== undefined && obj(resources.Resources) !== undefined
    ? checkCloudFormation(resources, report, ['resources'], batchOneHandlers)
    : [];
}
