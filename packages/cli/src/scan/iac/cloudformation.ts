// CloudFormation and SAM templates (YAML or JSON): queues, event source mappings, functions, event
// buses, rules, tables and API integrations, checked against the infrastructure rules.

import { oncePerFunction, SAM_ASYNC_EVENTS } from './asyncEvents.js';
import { integrationRoutes } from './cfnApiIntegrations.js';
import { checkAsyncInvokers, failureTargetOf, scheduleRule } from './cfnAsyncInvokers.js';
import { batchSourceChecker, snsQueueChecker } from './cfnBatchSources.js';
import { quietBuses } from './cfnBusTargets.js';
import { checkDeliveryTargets } from './cfnDeliveryTargets.js';
import { checkIdempotencyTable } from './cfnIdempotencyTables.js';
import { checkQueue, lambdaConsumedQueues } from './cfnQueues.js';
import { drainedDlqs } from './drainedDlqs.js';
import { envHandedFunctions } from './envHandedFunctions.js';
import { onlyEphemeralOutput } from './ephemeralTargets.js';
import { GatewayTimeouts } from './gatewayTimeouts.js';
import { type IacReport, type Json, joinHandler, num, obj, workLink } from './IacResult.js';
import {
  nonProductionConditions,
  productionResources,
  quietFunctionDlqs,
  receivedQueues,
  type TemplateResource,
} from './queueUse.js';
import { exportsByResource } from './stackExports.js';
import { outputsByResource } from './stackRoutes.js';
import { templateLinks } from './templateLinks.js';
import { refsIn } from './yamlDocument.js';

const API_GATEWAY_MAX_SECONDS = 29;
const HTTP_API_MAX_SECONDS = 30;

export function isCloudFormation(value: unknown): boolean {
  const t = obj(value);
  const resources = obj(t?.Resources);
  if (resources === undefined) return false;
  return Object.values(resources).some(
    (r) => typeof obj(r)?.Type === 'string' && /^(AWS|Custom)::/.test(obj(r)?.Type),
  );
}

type Resource = TemplateResource;

/**
 * Runs every CloudFormation rule; `base` is where Resources sits in the document (serverless nests it),
 * `outer` what its serverless.yml's functions say about its resources: `dlqs` those they and their events
 * name as dead-letter queues, `polled` the queues they poll (`sqs` events: Lambda event sources, judged at
 * the Lambda limit).
 * Answers the export names its alarms import, for DLQs of other templates (stackExports.ts).
 */
export function checkCloudFormation(
  template: Record<string, Json>,
  report: IacReport,
  base: readonly string[] = [],
  batchOneHandlers: string[] = [],
  outer: { readonly dlqs?: Iterable<string>; readonly polled?: Iterable<string> } = {},
): string[] {
  const devOnly = nonProductionConditions(template);
  const resources: Resource[] = productionResources(template, devOnly, batchOneHandlers);
  const byId = new Map(resources.map((r) => [r.id, r]));
  const at = (r: Resource, ...path: (string | number)[]) => [...base, 'Resources', r.id, ...path];
  const globals = obj(obj(template.Globals)?.Function) ?? {};

  const { dlqIds, alarmed, fedDlqs, archived, invokeConfigured, alarmImports, deafAlarms, unnamedQueues } =
    templateLinks(resources, template);
  // Queues a serverless.yml's functions and events name (as DLQs or as polled queues) are named: owed their alarm.
  for (const id of outer.dlqs ?? []) {
    dlqIds.add(id);
    fedDlqs.add(id);
    unnamedQueues.delete(id);
  }
  for (const id of outer.polled ?? []) unnamedQueues.delete(id);
  const quietDlqs = quietFunctionDlqs(resources, globals);
  for (const id of fedDlqs) quietDlqs.delete(id);
  // Queues nothing in this stack receives from (no Lambda polls them, no policy grants a receive): with no
  // receive there is nothing for a redrive policy to count.
  const received = receivedQueues(resources, devOnly);
  const drained = drainedDlqs(resources, dlqIds);

  const gateway = new GatewayTimeouts(
    report,
    [...base, 'Globals', 'Function', 'Timeout'],
    'Globals Function Timeout',
  );
  /** A function's timeout is the Globals one when it sets none and Globals does (SAM functions only). */
  const inherits = (r: Resource): boolean =>
    r.props.Timeout === undefined &&
    r.type === 'AWS::Serverless::Function' &&
    num(globals.Timeout) !== undefined;
  const exports = exportsByResource(template);
  const lambdaConsumed = new Set([...lambdaConsumedQueues(resources), ...(outer.polled ?? [])]);
  const asyncFailureTarget = (r: Resource | undefined): Json => failureTargetOf(r, globals);
  const snsThroughQueue = snsQueueChecker(report, globals, batchOneHandlers);
  const functionTimeout = (r: Resource): number => num(r.props.Timeout) ?? num(globals.Timeout) ?? 3;
  const checkBatchSource = batchSourceChecker(report, globals, byId, batchOneHandlers);

  const sourceKindOf = (arn: unknown): 'sqs' | 'stream' | undefined => {
    for (const id of refsIn(arn)) {
      const target = byId.get(id);
      if (target?.type === 'AWS::SQS::Queue') return 'sqs';
      if (target?.type === 'AWS::Kinesis::Stream' || target?.type === 'AWS::DynamoDB::Table') return 'stream';
    }
    const text = JSON.stringify(arn ?? '');
    if (/:sqs:|Queue/i.test(text)) return 'sqs';
    if (/:kinesis:|StreamArn|\/stream\//i.test(text)) return 'stream';
    return undefined;
  };

  const firstAsyncReport = oncePerFunction();
  // An async function's finding is dropped when its handler only logs (IacResult.ts workLink).
  const codeOf = (fn: Resource | undefined) => {
    const h = fn && joinHandler(fn.props.CodeUri ?? globals.CodeUri, fn.props.Handler ?? globals.Handler);
    return h ? workLink(h) : undefined;
  };
  const forwardOrLogBuses = quietBuses(resources, template);
  for (const r of resources) {
    switch (r.type) {
      case 'AWS::SQS::Queue':
        checkQueue(r, at, report, {
          dlqIds,
          alarmed,
          deafAlarms,
          quietDlqs,
          received,
          lambdaConsumed,
          exports,
          drained,
          unnamed: unnamedQueues,
        });
        break;
      case 'AWS::Lambda::EventSourceMapping': {
        // A StartingPosition marks a stream (an SQS mapping takes none), whatever its ARN is imported as.
        const kind =
          sourceKindOf(r.props.EventSourceArn) ??
          (r.props.StartingPosition !== undefined ? 'stream' : undefined);
        if (kind === undefined) break;
        const fnId = [...refsIn(r.props.FunctionName)][0];
        checkBatchSource(r, at(r), r.props, kind, fnId !== undefined ? byId.get(fnId) : undefined);
        break;
      }
      case 'AWS::Serverless::Function':
      case 'AWS::Lambda::Function': {
        const events = obj(r.props.Events) ?? {};
        // The integration timeout in front of it: 29 s for a REST API (`Api`), 30 s for an HTTP API.
        let api: number | undefined;
        let asyncSource: string | undefined;
        for (const [name, ev] of Object.entries(events)) {
          const e = obj(ev);
          const type = e?.Type as string | undefined;
          const props = obj(e?.Properties) ?? {};
          if (type === 'SQS') checkBatchSource(r, at(r, 'Properties', 'Events', name), props, 'sqs', r);
          else if (type === 'Kinesis' || type === 'DynamoDB')
            checkBatchSource(r, at(r, 'Properties', 'Events', name), props, 'stream', r);
          else if (type === 'Api') api = API_GATEWAY_MAX_SECONDS;
          else if (type === 'HttpApi') api = Math.min(api ?? HTTP_API_MAX_SECONDS, HTTP_API_MAX_SECONDS);
          else if (type === 'SNS' && props.SqsSubscription !== undefined && props.SqsSubscription !== false)
            snsThroughQueue(r, name, props, at(r, 'Properties', 'Events', name));
          else if (
            // A schedule's next run is its retry; a rule with only a ScheduleExpression is one too. Neither an
            // EventBridge event's own DeadLetterConfig nor an SNS event's RedrivePolicy counts: each keeps only
            // what EventBridge or SNS could not hand to Lambda, never a run that failed after Lambda took it.
            SAM_ASYNC_EVENTS.has(type ?? '') &&
            props.Schedule === undefined
          )
            asyncSource ??= name;
        }
        const onFailure = asyncFailureTarget(r);
        if (
          asyncSource !== undefined &&
          onFailure === undefined &&
          !invokeConfigured.has(r.id) &&
          !onlyEphemeralOutput(r, globals) &&
          firstAsyncReport(r.id)
        )
          // At the function: its DeadLetterQueue or EventInvokeConfig is the one fix for every async event.
          report(
            'iac-missing-dlq',
            at(r),
            `${r.id} is invoked asynchronously (${asyncSource}) with no DeadLetterQueue or OnFailure destination: events that fail after retries are dropped`,
            codeOf(r),
          );
        const timeout = functionTimeout(r);
        if (api !== undefined)
          gateway.add({
            name: r.id,
            timeout,
            limit: api,
            path: r.props.Timeout !== undefined ? at(r, 'Properties', 'Timeout') : at(r),
            inherited: inherits(r),
            message: `${r.id} timeout ${timeout}s is at least API Gateway's ${api}s integration timeout: clients get 504 while it keeps running`,
          });
        break;
      }
      case 'AWS::ApiGatewayV2::Integration':
      case 'AWS::ApiGateway::Method':
      case 'AWS::Serverless::Api':
      case 'AWS::ApiGateway::RestApi':
      case 'AWS::Serverless::HttpApi':
      case 'AWS::ApiGatewayV2::Api':
        for (const { fnId, limitMs } of integrationRoutes(r, byId)) {
          const fn = byId.get(fnId) as Resource;
          const timeout = functionTimeout(fn);
          // One finding per function, however many methods lead to it: the fix is the function's timeout.
          // A SAM function's own `Timeout:` is where readers put it (the value the fix changes); a plain
          // AWS::Lambda::Function stays at the first method, where working-set readers place it (an
          // OpenAPI definition's route has no line of its own: the function's).
          const ownTimeout = fn.type === 'AWS::Serverless::Function' && fn.props.Timeout !== undefined;
          const definition =
            r.type !== 'AWS::ApiGateway::Method' && r.type !== 'AWS::ApiGatewayV2::Integration';
          gateway.add({
            name: fn.id,
            timeout,
            limit: limitMs / 1000,
            path: ownTimeout ? at(fn, 'Properties', 'Timeout') : definition ? at(fn) : at(r),
            inherited: inherits(fn),
            message: `integration waits ${limitMs} ms but ${fn.id} may run ${timeout}s: clients get 504 while it keeps running`,
          });
        }
        break;
      case 'AWS::Events::EventBus':
        if (!archived.has(r.id) && !forwardOrLogBuses.has(r.id))
          report(
            'iac-no-event-archive',
            at(r),
            `event bus ${r.id} has no AWS::Events::Archive: events cannot be replayed after an incident`,
          );
        break;
      case 'AWS::Events::Rule': {
        if (scheduleRule(r.props)) break;
        const targets = (Array.isArray(r.props.Targets) ? r.props.Targets : []) as Json[];
        targets.forEach((t, i) => {
          const target = obj(t);
          // The first ref that is a function: `!Sub 'arn:...:${AWS::Region}:...:function:${Fn}'` names pseudo
          // parameters first.
          const fnId = [...refsIn(target?.Arn)].find((id) => byId.get(id)?.type.endsWith('Function'));
          if (fnId !== undefined) {
            // The rule hands the event to Lambda's async queue: the function's own DLQ or on-failure
            // destination catches what fails there. The target's DeadLetterConfig does not: it keeps only
            // events EventBridge could not hand to Lambda, never a run that failed after Lambda took it.
            const fn = byId.get(fnId);
            if (!invokeConfigured.has(fnId) && asyncFailureTarget(fn) === undefined && firstAsyncReport(fnId))
              report(
                'iac-missing-dlq',
                fn !== undefined ? at(fn) : at(r, 'Properties', 'Targets', i),
                `rule ${r.id} invokes ${fnId} asynchronously and it has no DeadLetterQueue or OnFailure destination: events that fail after Lambda's retries are dropped`,
                codeOf(fn),
              );
          }
        });
        break;
      }
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::Serverless::SimpleTable':
        checkIdempotencyTable(r, at(r), report);
        break;
    }
  }
  checkDeliveryTargets(resources, byId, at, report);
  checkAsyncInvokers(
    resources,
    byId,
    at,
    (rule, path, message, extra) =>
      report(rule, path, message, { ...codeOf(byId.get(`${path.at(-1)}`)), ...extra }),
    (fn) =>
      asyncFailureTarget(fn) !== undefined ||
      invokeConfigured.has(fn.id) ||
      onlyEphemeralOutput(fn, globals) ||
      !firstAsyncReport(fn.id),
    envHandedFunctions(template),
    globals,
  );
  // Functions no route here reaches may be routed by an API in another template, through their outputs.
  const outputs = outputsByResource(template);
  for (const r of resources)
    if (r.type === 'AWS::Serverless::Function' || r.type === 'AWS::Lambda::Function')
      gateway.addExported(
        {
          name: r.id,
          timeout: functionTimeout(r),
          limit: API_GATEWAY_MAX_SECONDS,
          path: r.props.Timeout !== undefined ? at(r, 'Properties', 'Timeout') : at(r),
          inherited: inherits(r),
          message: `${r.id} timeout ${functionTimeout(r)}s is at least API Gateway's integration timeout: clients get 504 while it keeps running`,
        },
        outputs.get(r.id) ?? [],
      );
  gateway.finish();
  return alarmImports;
}
