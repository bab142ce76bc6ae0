// Terraform (.tf): SQS queues and redrive policies, Lambda event source mappings, EventBridge buses,
// rules and targets, DynamoDB tables and API Gateway integrations.

import { escapeRegExp } from '../escapeRegExp.js';
import type { Candidate } from '../js/Candidate.js';
import { API_GATEWAY_MAX_MS, HTTP_API_MAX_MS } from './apiLimits.js';
import { outlivesGateway } from './gatewayLimit.js';
import { type HclBlock, literal, parseHcl } from './hcl.js';
import { type IacExtra, maxReceiveExtra } from './IacResult.js';
import { hclCountLine } from './receiveCountLine.js';
import { alarmSignals, silentAlarmText } from './terraformAlarmSignal.js';
import { quietTerraformBuses } from './terraformBusTargets.js';
import { checkTerraformDeliveryTargets } from './terraformDeliveryTargets.js';
import { eachResourceRaw } from './terraformEachSource.js';
import { isFunctionModule } from './terraformGatewayJoin.js';
import { gatewayModuleRoutes } from './terraformGatewayModules.js';
import { reportFolderModules, reportFolderRoutes } from './terraformGatewayResources.js';
import {
  checkLambdaModules,
  isLambdaModule,
  moduleHasAsyncFailureTarget,
  moduleTimeouts,
  numberIn,
  permittedModule,
} from './terraformLambdaModules.js';
import { checkTerraformMappings } from './terraformMappings.js';
import { methodModuleRoutes } from './terraformMethodModules.js';
import { type TerraformFacts, terraformFacts } from './terraformModules.js';
import { checkQueueModules } from './terraformQueueModules.js';
import { offByDefault } from './terraformSwitches.js';
import { reportTimeoutDefaults } from './terraformTimeoutDefaults.js';
import { folderVarFiles, withVarFiles } from './terraformVarValues.js';

export type TfReport = (
  rule: string,
  line: number,
  message: string,
  extra?: IacExtra &
    Pick<
      Candidate,
      | 'terraformQueue'
      | 'terraformAsyncFunction'
      | 'terraformFloodFunction'
      | 'terraformGatewayFunction'
      | 'terraformGatewayResource'
      | 'terraformModuleMapping'
      | 'terraformTimeoutDefault'
    >,
) => void;

/** Runs the Terraform rules over one file and answers what it says about queues across modules. */
export function checkTerraform(
  source: string,
  report: TfReport,
  batchOneHandlers: string[],
  file?: string,
  root?: string,
): TerraformFacts {
  const blocks = parseHcl(source);
  const resources = blocks.filter((b) => b.type === 'resource' && b.labels.length >= 2);
  const of = (type: string) => resources.filter((r) => r.labels[0] === type);
  const ref = (r: HclBlock) => `${r.labels[0]}.${r.labels[1]}`;
  /**
   * Does `text` read `r`'s attribute (any, or `attr`)? A counted or for_each resource is read through its
   * index: `aws_sqs_queue.dlq[0].arn`, `aws_sqs_queue.dlq[each.key].name`.
   */
  const reads = (text: string | undefined, r: HclBlock, attr = '') =>
    text !== undefined && new RegExp(`\\b${escapeRegExp(ref(r))}(?:\\[[^\\]]*\\])?\\.${attr}`).test(text);
  const mentions = (blocksToSearch: HclBlock[], r: HclBlock) => blocksToSearch.some((b) => reads(b.text, r));
  const sub = (b: HclBlock, type: string) => b.blocks.find((x) => x.type === type);

  const queues = of('aws_sqs_queue');
  const redrivePolicies = of('aws_sqs_queue_redrive_policy');
  const allAlarms = of('aws_cloudwatch_metric_alarm');
  const alarms = allAlarms.filter(alarmSignals);
  const functions = of('aws_lambda_function');
  // Where failures are sent: an SNS subscription's redrive policy, a function's or rule target's
  // dead_letter_config, a mapping's or invoke config's on-failure destination. A queue named there is a DLQ.
  const failureTargets = [
    ...of('aws_sns_topic_subscription').map((s) => s.attrs.get('redrive_policy')?.raw),
    ...[...functions, ...of('aws_cloudwatch_event_target')].map((b) => sub(b, 'dead_letter_config')?.text),
    ...[...of('aws_lambda_event_source_mapping'), ...of('aws_lambda_function_event_invoke_config')].map(
      (b) => sub(b, 'destination_config')?.text,
    ),
    ...of('aws_pipes_pipe').map((b) => sub(b, 'source_parameters')?.text),
  ];
  // The queues redriving into `q`, when nothing else sends failures there (terraformReceivers.ts).
  const redrivenFrom = (q: HclBlock): string[] | undefined => {
    if (failureTargets.some((text) => reads(text, q, 'arn'))) return undefined;
    if (redrivePolicies.some((p) => reads(p.attrs.get('redrive_policy')?.raw, q, 'arn'))) return undefined;
    const from = queues.filter((o) => o !== q && reads(o.attrs.get('redrive_policy')?.raw, q, 'arn'));
    return from.length > 0 ? from.map((o) => o.labels[1] as string) : undefined;
  };
  for (const q of queues) {
    const policy =
      q.attrs.get('redrive_policy')?.raw ??
      redrivePolicies.find((p) => reads(p.attrs.get('queue_url')?.raw, q))?.attrs.get('redrive_policy')?.raw;
    const isDlq =
      queues.some((o) => o !== q && reads(o.attrs.get('redrive_policy')?.raw, q, 'arn')) ||
      failureTargets.some((text) => reads(text, q, 'arn')) ||
      redrivePolicies.some((p) => reads(p.attrs.get('redrive_policy')?.raw, q, 'arn')) ||
      // redrive_allow_policy on a queue that redrives itself names who may redrive into it, not a DLQ.
      (q.attrs.has('redrive_allow_policy') && policy === undefined) ||
      /dlq|dead.?letter/i.test(`${q.labels[1]} ${literal(q.attrs.get('name')) ?? ''}`);
    const off =
      policy !== undefined ? offByDefault(blocks, file, q.attrs.get('redrive_policy')?.raw, root) : undefined;
    if (off !== undefined && !isDlq)
      report(
        'iac-missing-dlq',
        q.line,
        `aws_sqs_queue.${q.labels[1]} has a redrive_policy only when ${off} is set, and it defaults to off: a poison message is retried until retention deletes it`,
      );
    if (policy === undefined) {
      if (!isDlq)
        report(
          'iac-missing-dlq',
          q.line,
          `aws_sqs_queue.${q.labels[1]} has no redrive_policy: a poison message is retried until retention deletes it`,
          { terraformQueue: { queue: q.labels[1] as string, settledBy: 'receive' } },
        );
    } else {
      const m = /maxReceiveCount["']?\s*[=:]\s*(\d+)/.exec(policy);
      const ownPolicy = q.attrs.get('redrive_policy');
      const max = m ? Number(m[1]) : undefined;
      // Polled by a Lambda event source mapping: AWS asks for at least 5 there.
      const byLambda = of('aws_lambda_event_source_mapping').some((m) =>
        reads(eachResourceRaw(blocks, m, 'event_source_arn'), q, 'arn'),
      );
      if (max !== undefined)
        report(
          'iac-missing-dlq',
          // At the count in the queue's own policy; a separate aws_sqs_queue_redrive_policy keeps the queue's line.
          ownPolicy === undefined ? q.line : hclCountLine(ownPolicy),
          `aws_sqs_queue.${q.labels[1]} maxReceiveCount ${max} > {limit}${byLambda ? ' for a Lambda consumer' : ''}: poison messages churn before the DLQ`,
          {
            ...maxReceiveExtra(max, byLambda),
            ...(byLambda ? {} : { terraformQueue: { queue: q.labels[1] as string, settledBy: 'lambda' } }),
          },
        );
    }
    const sources = redrivenFrom(q);
    if (isDlq && !mentions(alarms, q))
      report(
        'iac-missing-dlq',
        q.line,
        `dead-letter queue aws_sqs_queue.${q.labels[1]} ${silentAlarmText(allAlarms.filter((a) => reads(a.text, q)))}: failed messages pile up unnoticed`,
        { terraformQueue: { queue: q.labels[1] as string, settledBy: 'alarm', ...(sources && { sources }) } },
      );
  }

  checkTerraformMappings(blocks, functions, report, batchOneHandlers);

  checkTerraformDeliveryTargets(resources, report);
  const archives = of('aws_cloudwatch_event_archive');
  const forwardOrLogBuses = quietTerraformBuses(blocks);
  for (const bus of of('aws_cloudwatch_event_bus')) {
    if (!mentions(archives, bus) && !forwardOrLogBuses.has(bus.labels[1] as string))
      report(
        'iac-no-event-archive',
        bus.line,
        `aws_cloudwatch_event_bus.${bus.labels[1]} has no aws_cloudwatch_event_archive: events cannot be replayed`,
      );
  }
  checkLambdaModules(blocks, report, (fn) => ({ terraformFloodFunction: fn }));
  checkQueueModules(blocks, report);
  const lambdaModules = blocks.filter(isLambdaModule);
  const rules = of('aws_cloudwatch_event_rule');
  for (const t of of('aws_cloudwatch_event_target')) {
    const arn = t.attrs.get('arn')?.raw ?? '';
    const ruleRef = /aws_cloudwatch_event_rule\.([\w-]+)/.exec(t.attrs.get('rule')?.raw ?? '')?.[1];
    const viaModule =
      lambdaModules.find((m) => arn.includes(`module.${m.labels[0]}.`)) ??
      permittedModule(of('aws_lambda_permission'), blocks, arn, ruleRef);
    // A function resource of this folder is judged at the function (terraformAsyncInvokers.ts): its own
    // on-failure destination is the fix; the target's dead_letter_config holds only undelivered events.
    if (viaModule === undefined) continue;
    // A rule that only runs on a schedule retries by running again: the next run redoes the work.
    const rule = rules.find((r) => r.labels[1] === ruleRef);
    if (rule?.attrs.has('schedule_expression') && !rule.attrs.has('event_pattern')) continue;
    if (sub(t, 'dead_letter_config') !== undefined) continue;
    if (moduleHasAsyncFailureTarget(viaModule)) continue;
    const configured = of('aws_lambda_function_event_invoke_config').some(
      (c) => c.text.includes(`module.${viaModule.labels[0]}.`) && c.text.includes('on_failure'),
    );
    if (configured) continue;
    report(
      'iac-missing-dlq',
      t.line,
      `aws_cloudwatch_event_target.${t.labels[1]} invokes a Lambda with no dead_letter_config: events that fail delivery are dropped`,
    );
  }
  for (const table of of('aws_dynamodb_table')) {
    if (!/idempot/i.test(`${table.labels[1]} ${literal(table.attrs.get('name')) ?? ''}`)) continue;
    const ttl = sub(table, 'ttl');
    if (ttl !== undefined && literal(ttl.attrs.get('enabled')) !== 'false') continue;
    report(
      'iac-idempotency-table-no-ttl',
      table.line,
      `aws_dynamodb_table.${table.labels[1]} has no ttl block: idempotency records never expire`,
    );
  }
  // Judged with the whole module (terraformModules.ts): kept only where something invokes it asynchronously.
  for (const fn of functions)
    if (!/\bdead_letter_config\b/.test(fn.text))
      report(
        'iac-missing-dlq',
        fn.line,
        `aws_lambda_function.${fn.labels[1]} is invoked asynchronously ({invokers}) with no dead_letter_config or on_failure destination: events that still fail after Lambda's retries are dropped`,
        { terraformAsyncFunction: `aws_lambda_function.${fn.labels[1]}` },
      );
  const integrations = [...of('aws_apigatewayv2_integration'), ...of('aws_api_gateway_integration')];
  const timeouts = moduleTimeouts(blocks);
  // The project's own function modules (a wrapper of aws_lambda_function called with its timeout).
  // A timeout read from a variable is judged by the folder pass, whose values callers and .tfvars set too.
  const byVariable = (b: HclBlock) => /^var\.[\w-]+$/.test(literal(b.attrs.get('timeout')) ?? '');
  for (const m of blocks.filter(isFunctionModule)) {
    const t = m.attrs.get('timeout');
    if (byVariable(m)) timeouts.delete(`module.${m.labels[0]}`);
    const seconds = byVariable(m) ? Number.NaN : numberIn(blocks, t, 3);
    if (!timeouts.has(`module.${m.labels[0]}`) && !Number.isNaN(seconds))
      timeouts.set(`module.${m.labels[0]}`, { seconds, line: t?.line ?? m.line });
  }
  for (const f of functions) {
    const seconds = byVariable(f) ? Number.NaN : numberIn(blocks, f.attrs.get('timeout'), 3);
    timeouts.set(ref(f), { seconds, line: f.attrs.get('timeout')?.line ?? f.line });
  }
  const routes = [
    ...integrations.map((integ) => ({
      text: integ.attrs.get('integration_uri')?.raw ?? integ.attrs.get('uri')?.raw ?? '',
      // An HTTP API (v2) integration waits 30 s by default, a REST API's 29 s.
      limitMs: Number(
        literal(integ.attrs.get('timeout_milliseconds')) ??
          (integ.labels[0] === 'aws_apigatewayv2_integration' ? HTTP_API_MAX_MS : API_GATEWAY_MAX_MS),
      ),
      name: `${integ.labels[0]}.${integ.labels[1]}`,
    })),
    ...gatewayModuleRoutes(blocks),
    ...methodModuleRoutes(blocks).map((r) => ({ ...r, text: `${r.fn}.` })),
  ];
  const reported = new Set<string>();
  for (const route of routes) {
    const fn = /\b(aws_lambda_function\.[\w-]+|module\.[\w-]+)\./.exec(route.text)?.[1];
    const timeout = fn !== undefined ? timeouts.get(fn) : undefined;
    if (fn === undefined || timeout === undefined || reported.has(fn)) continue;
    if (outlivesGateway(timeout.seconds, route.limitMs / 1000)) {
      reported.add(fn);
      report(
        'iac-gateway-timeout-exceeds-lambda',
        timeout.line,
        `${fn} timeout ${timeout.seconds}s is at least the ${route.limitMs} ms integration timeout of ${route.name}`,
      );
    }
  }
  // A function no route here reports may be routed, or its timeout declared, in another file of its folder.
  reportFolderRoutes(functions, timeouts, reported, report);
  reportFolderModules(blocks.filter(isFunctionModule), timeouts, report);
  // A function module's own default, kept by calls an API in the caller routes (terraformTimeoutDefaults.ts).
  reportTimeoutDefaults(blocks, report);
  // A function module no route here reaches may be routed by an API in another module (terraformGatewayJoin.ts).
  for (const [fn, timeout] of timeouts) {
    if (!fn.startsWith('module.') || reported.has(fn)) continue;
    if (!outlivesGateway(timeout.seconds, API_GATEWAY_MAX_MS / 1000)) continue;
    report(
      'iac-gateway-timeout-exceeds-lambda',
      timeout.line,
      `${fn} timeout ${timeout.seconds}s is at least the {limit} integration timeout of an API in another module`,
      { terraformGatewayFunction: { module: fn.slice('module.'.length), seconds: timeout.seconds } },
    );
  }
  const facts = terraformFacts(blocks);
  const variables = facts.gatewayResources.variables;
  // A root module's .tfvars set what its variables' defaults stand for (terraformVarValues.ts).
  if (file === undefined || !variables.some((v) => !v.name.startsWith('local.'))) return facts;
  const set = folderVarFiles(file, root);
  return {
    ...facts,
    gatewayResources: { ...facts.gatewayResources, variables: withVarFiles(variables, set) },
  };
}
