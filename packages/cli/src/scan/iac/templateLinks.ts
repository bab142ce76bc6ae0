// Who points at what in one CloudFormation template: dead-letter queues (named by functions, fed by
// redrive policies, mappings, rules and destinations), alarmed and archived resources, functions with an
// on-failure destination, and the export names its alarms import (stackExports.ts).
import { type Json, obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { redrivePolicyOf } from './redrivePolicy.js';
import { unpublishedSqsMetricOf } from './sqsMetricNames.js';
import { importsIn, ssmImports } from './stackExports.js';
import { refsIn } from './yamlDocument.js';

/** The links `checkCloudFormation` judges queues, functions and buses by. */
export interface TemplateLinks {
  /** Every dead-letter queue: a function's DeadLetterQueue, and every fed one. */
  readonly dlqIds: Set<string>;
  readonly alarmed: Set<string>;
  /** Dead-letter queues of redrive policies, mappings, rules and destinations: fed whatever the trigger. */
  readonly fedDlqs: Set<string>;
  readonly archived: Set<string>;
  /** Functions an AWS::Lambda::EventInvokeConfig gives an OnFailure destination. */
  readonly invokeConfigured: Set<string>;
  /** Export names and SSM paths the template's working alarms import. */
  readonly alarmImports: string[];
  /** Resources an alarm names whose metric SQS never publishes: resource id -> why that alarm cannot fire. */
  readonly deafAlarms: Map<string, string>;
  /**
   * Queues nothing can ever send to: no resource names them but a QueuePolicy, nor `Globals` or an Output,
   * and they have no fixed `QueueName` another stack could name. A policy letting events.amazonaws.com send
   * makes no queue a target: a rule, function or subscription must name it (boilerplate `EventsDlq`/
   * `LambdaDlq` copied from stack to stack). Nothing is dead-lettered there, so no alarm is owed.
   */
  readonly unnamedQueues: Set<string>;
}

/**
 * Reads the links of a template's production resources once.
 * @example
 * templateLinks(resources).alarmed.has('OrdersDlq') // an AWS::CloudWatch::Alarm refers to it
 */
export function templateLinks(
  resources: readonly TemplateResource[],
  template: Record<string, Json> = {},
): TemplateLinks {
  const dlqIds = new Set<string>();
  const alarmed = new Set<string>();
  // Dead-letter queues of redrive policies, mappings and rules: these receive messages whatever the trigger.
  const fedDlqs = new Set<string>();
  const archived = new Set<string>();
  const invokeConfigured = new Set<string>();
  const alarmImports: string[] = [];
  const deafAlarms = new Map<string, string>();
  const named = refsIn([template.Globals, template.Outputs]);
  for (const r of resources) {
    // A queue's redrive policy, and an SNS subscription's (what SNS could not deliver to its endpoint).
    if (r.type === 'AWS::SQS::Queue' || r.type === 'AWS::SNS::Subscription')
      for (const id of refsIn(redrivePolicyOf(r.props.RedrivePolicy)?.deadLetterTargetArn)) fedDlqs.add(id);
    if (r.type === 'AWS::SQS::QueuePolicy') continue;
    refsIn(r.props, named);
    // An alarm on a metric SQS never publishes never sees a dead letter (sqsMetricNames.ts).
    // The one place that decides which alarms count, here and through exports or SSM-published names.
    if (r.type === 'AWS::CloudWatch::Alarm') {
      const unpublished = unpublishedSqsMetricOf(r.props);
      if (unpublished === undefined) {
        for (const id of refsIn(r.props)) alarmed.add(id);
        importsIn(r.props, alarmImports);
        alarmImports.push(...ssmImports(r.props, template));
      } else
        for (const id of refsIn(r.props))
          if (!deafAlarms.has(id))
            deafAlarms.set(
              id,
              `its alarm ${r.id} watches MetricName ${unpublished}, which SQS never publishes`,
            );
    }
    if (r.type === 'AWS::Events::Archive') for (const id of refsIn(r.props.SourceArn)) archived.add(id);
    if (r.type === 'AWS::Lambda::EventInvokeConfig' && obj(obj(r.props.DestinationConfig)?.OnFailure))
      for (const id of refsIn(r.props.FunctionName)) invokeConfigured.add(id);
    if (r.type === 'AWS::Serverless::Function' || r.type === 'AWS::Lambda::Function') {
      for (const id of refsIn(r.props.DeadLetterQueue ?? r.props.DeadLetterConfig)) dlqIds.add(id);
      for (const id of refsIn(obj(r.props.EventInvokeConfig)?.DestinationConfig)) fedDlqs.add(id);
      for (const ev of Object.values(obj(r.props.Events) ?? {}))
        for (const id of refsIn([
          obj(obj(ev)?.Properties)?.DeadLetterConfig,
          obj(obj(obj(ev)?.Properties)?.DestinationConfig)?.OnFailure,
          redrivePolicyOf(obj(obj(ev)?.Properties)?.RedrivePolicy)?.deadLetterTargetArn,
        ]))
          fedDlqs.add(id);
    }
    if (r.type === 'AWS::Events::Rule')
      for (const t of (r.props.Targets ?? []) as Json[])
        for (const id of refsIn(obj(t)?.DeadLetterConfig)) fedDlqs.add(id);
    if (r.type === 'AWS::Pipes::Pipe') {
      const source = obj(r.props.SourceParameters);
      for (const params of [source?.DynamoDBStreamParameters, source?.KinesisStreamParameters])
        for (const id of refsIn(obj(params)?.DeadLetterConfig)) fedDlqs.add(id);
    }
    if (r.type === 'AWS::Lambda::EventSourceMapping')
      for (const id of refsIn(obj(r.props.DestinationConfig)?.OnFailure)) fedDlqs.add(id);
  }
  for (const id of fedDlqs) dlqIds.add(id);
  const unnamedQueues = new Set(
    resources
      .filter((r) => r.type === 'AWS::SQS::Queue' && r.props.QueueName === undefined && !named.has(r.id))
      .map((r) => r.id),
  );
  return { dlqIds, alarmed, fedDlqs, archived, invokeConfigured, alarmImports, deafAlarms, unnamedQueues };
}
