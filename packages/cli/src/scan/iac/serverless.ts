// serverless.yml (Serverless Framework): functions and their sqs / stream / http / async events, then
// the CloudFormation under `resources.Resources`.

import { artifactHandlers } from './artifactHandlers.js';
import { SERVERLESS_ASYNC_EVENTS } from './asyncEvents.js';
import { checkCloudFormation } from './cloudformation.js';
import { GatewayTimeouts } from './gatewayTimeouts.js';
import { batchLink, type IacReport, type Json, num, obj, workLink } from './IacResult.js';
import { serverlessPolledIds } from './polledQueueNames.js';
import { extendedDeadLetter } from './serverlessExtensions.js';
import { invokedByName } from './serverlessInvoked.js';
import { checkPermittedInvokers, permittedInvokers } from './serverlessPermitted.js';
import { checkResourceInvoked } from './serverlessResourceInvoked.js';
import { refsIn } from './yamlDocument.js';

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
 * serverless-lift's `queue` construct (`constructs: { jobs: { type: queue, worker: { handler } } }`) builds
 * the queue, its DLQ (`maxRetries`, default 3) and the worker's SQS event source, with `batchSize` 1 unless
 * set (getlift/lift docs/queue.md): such a worker's handler takes one message per invocation, and the DLQ
 * is alarmed only when the construct names an `alarm` address.
 */
function liftQueueWorkers(config: Record<string, Json>, report: IacReport, batchOneHandlers: string[]): void {
  const oneMessage = new Set(liftOneMessageQueues(config));
  for (const [name, c] of Object.entries(obj(config.constructs) ?? {})) {
    const construct = obj(c);
    if (construct?.type !== 'queue') continue;
    const handler = obj(construct.worker)?.handler;
    if (typeof handler === 'string' && oneMessage.has(name)) batchOneHandlers.push(handler);
    // Lift alarms on the DLQ only when given `alarm` (an email address).
    if (construct.alarm === undefined)
      report(
        'iac-missing-dlq',
        ['constructs', name],
        `serverless-lift queue ${name} builds a dead-letter queue with no alarm (no \`alarm\`): failed messages pile up unnoticed`,
      );
  }
}

/**
 * The Lift `queue` constructs whose worker takes one message at a time: no `batchSize` (Lift's default) or
 * 1. A batch size the scan cannot read (`${env:BATCH}`, a computed value in a serverless.ts) counts as more
 * than one, the side that keeps the finding. Also read for serverless.ts (js/rules/liftTsWorkers.ts).
 */
export function liftOneMessageQueues(config: Record<string, Json>): string[] {
  return Object.entries(obj(config.constructs) ?? {})
    .filter(([, c]) => obj(c)?.type === 'queue')
    .filter(([, c]) => obj(c)?.batchSize === undefined || num(obj(c)?.batchSize) === 1)
    .map(([name]) => name);
}

/**
 * The `resources` a configuration's functions and events name as where failures go: `onError`,
 * `destinations.onFailure`, `deadLetter`, a stream's `destinations.onFailure`, an `eventBridge` event's
 * `deadLetterQueueArn`, an `sns` event's `redrivePolicy` (`deadLetterTargetRef` is the logical id itself),
 * a DeadLetterConfig merged into a function's resource (serverlessExtensions.ts).
 */
function namedDlqs(config: Record<string, Json>, functions: Record<string, Json>): Set<string> {
  const out = new Set<string>();
  for (const [key, f] of Object.entries(functions)) {
    const fn = obj(f);
    refsIn(
      [obj(fn?.destinations)?.onFailure, fn?.onError, fn?.deadLetter, extendedDeadLetter(config, key)],
      out,
    );
    for (const ev of (Array.isArray(fn?.events) ? fn.events : []) as Json[]) {
      const e = obj(ev) ?? {};
      const redrive = obj(obj(e.sns)?.redrivePolicy);
      if (typeof redrive?.deadLetterTargetRef === 'string') out.add(redrive.deadLetterTargetRef);
      refsIn(
        [
          redrive?.deadLetterTargetArn,
          obj(e.eventBridge)?.deadLetterQueueArn,
          obj(obj(e.stream)?.destinations)?.onFailure,
        ],
        out,
      );
    }
  }
  return out;
}

/**
 * Does an sqs event's `arn` name a FIFO queue: an ARN or name ending `.fifo`, or a queue of `resources`
 * (`Fn::GetAtt` or `Ref`) built with `FifoQueue: true` or such a name?
 */
function fifoQueueArn(arn: Json, config: Record<string, Json>): boolean {
  const fifoName = (v: Json) => typeof v === 'string' && v.endsWith('.fifo');
  if (fifoName(arn)) return true;
  const ref = obj(arn);
  const getAtt = ref?.['Fn::GetAtt'];
  const id = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : ref?.Ref;
  const props = obj(obj(obj(obj(config.resources)?.Resources)?.[id])?.Properties);
  return (
    props !== undefined &&
    (props.FifoQueue === true || props.FifoQueue === 'true' || fifoName(props.QueueName))
  );
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
    // `deadLetter` is serverless-plugin-lambda-dead-letter's setting (a queue or topic for the function); a
    // DeadLetterConfig merged into its Lambda resource from `resources` is the same (serverlessExtensions.ts).
    const onFailure =
      obj(fn.destinations)?.onFailure ?? fn.onError ?? fn.deadLetter ?? extendedDeadLetter(config, name);
    // The integration timeout in front of the function: 29 s for a REST (`http`) or WebSocket API, 30 s for an HTTP API.
    let api: number | undefined;
    let asyncEvent: string | undefined;
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
            typeof fn.handler === 'string' ? batchLink(fn.handler, 'queue', artifactHandlers(fn)) : undefined,
          );
        if (s.maximumConcurrency === undefined && !reserved)
          report(
            'iac-no-reserved-concurrency',
            evPath,
            `${name} consumes SQS with no reservedConcurrency or maximumConcurrency`,
            {
              // A consumer whose handler only logs has nothing behind it to flood (as serverless.ts and CDK judge).
              ...(typeof fn.handler === 'string' ? workLink(fn.handler) : {}),
              // A FIFO queue's consumer is bounded by its producers' message groups when they are few.
              ...(fifoQueueArn(s.arn ?? e.sqs, config) ? { onlyIfMessageGroupsVary: true as const } : {}),
            },
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
            typeof fn.handler === 'string'
              ? batchLink(fn.handler, unsplit ? 'unsplit' : 'bisects')
              : undefined,
          );
        if (obj(s.destinations)?.onFailure === undefined)
          report(
            'iac-missing-dlq',
            evPath,
            `stream event of ${name} has no destinations.onFailure: failed records are retried until they expire`,
          );
      } else if (e.http !== undefined || (e.websocket !== undefined && !disconnectRoute(e.websocket)))
        // A WebSocket API's integrations wait at most 29 s too (API Gateway quotas, WebSocket APIs); not its
        // `$disconnect` route, which API Gateway calls after the client has gone: nobody waits on it.
        api = API_GATEWAY_MAX_SECONDS;
      else if (e.httpApi !== undefined) api = Math.min(api ?? HTTP_API_MAX_SECONDS, HTTP_API_MAX_SECONDS);
      else if (
        // `cloudwatchEvent` is eventBridge's older name; a schedule's next run is its retry (as in templates),
        // whether written `schedule:` or as an `eventBridge` event's own `schedule`.
        SERVERLESS_ASYNC_EVENTS.some((k) => e[k] !== undefined) &&
        obj(e.eventBridge)?.schedule === undefined &&
        // An `eventBridge` event's own `deadLetterQueueArn` (the rule target's DLQ) does not count, as an `sns`
        // event's `redrivePolicy` does not: it keeps only what EventBridge could not deliver, never a run
        // that failed after Lambda took the event.
        onFailure === undefined
      )
        asyncEvent ??= SERVERLESS_ASYNC_EVENTS.find((k) => e[k] !== undefined);
    });
    // At the function: its destinations.onFailure (or onError, deadLetter) is the one fix for all its events.
    if (asyncEvent !== undefined)
      report(
        'iac-missing-dlq',
        path,
        `${name} is invoked asynchronously (${asyncEvent}) with no destinations.onFailure, onError or deadLetter: failed events are dropped`,
        // A handler that only logs has nothing a replay would redo (as CDK's async targets are judged).
        typeof fn.handler === 'string' ? workLink(fn.handler) : undefined,
      );
    if (api !== undefined)
      gateway.add({
        name,
        timeout,
        limit: api,
        path: fn.timeout !== undefined ? [...path, 'timeout'] : path,
        inherited: fn.timeout === undefined && num(provider.timeout) !== undefined,
        message: `${name} timeout ${timeout}s is at least API Gateway's ${api}s: clients get 504 while it keeps running`,
      });
  }
  gateway.finish();
  liftQueueWorkers(config, report, batchOneHandlers);
  // Eventless functions: invoked by a resource of the configuration, by a source deployed elsewhere (its
  // permission), or by the project's code; each reader judges those the earlier ones did not.
  const byResource = checkResourceInvoked(config, report, permittedInvokers(config).settled);
  const judged = new Set([...byResource, ...checkPermittedInvokers(config, report, byResource)]);
  invokedByName(config, report, judged);
  const resources = obj(config.resources);
  return resources !== undefined && obj(resources.Resources) !== undefined
    ? checkCloudFormation(resources, report, ['resources'], batchOneHandlers, {
        dlqs: namedDlqs(config, functions),
        polled: serverlessPolledIds(functions, obj(resources.Resources)),
      })
    : [];
}

/** A `websocket` event of the `$disconnect` route (`websocket: $disconnect` or `{ route: $disconnect }`). */
function disconnectRoute(event: Json): boolean {
  const route = typeof event === 'string' ? event : obj(event)?.route;
  return route === '$disconnect';
}
