// Terraform split into modules: a queue built in one module is polled by a Lambda event source mapping or
// watched by an alarm in another, reached through the module's outputs (`output "x_arn" { value =
// aws_sqs_queue.x.arn }`) and, on the other side, a variable of the same name (`var.x_arn`, terragrunt's
// `dependency.sqs.outputs.x_arn`, `module.sqs.x_arn`). Each .tf file records what it exports and what its
// mappings and alarms read; the project pass joins them before judging a queue's findings.
import type { Candidate } from '../js/Candidate.js';
import { ASYNC_PRINCIPAL } from './asyncEvents.js';
import type { HclBlock } from './hcl.js';
import { polledBy, type TerraformQueueNames, terraformQueueNames } from './polledQueueNames.js';
import { alarmSignals } from './terraformAlarmSignal.js';
import { asyncFunctionFinding, asyncSubscribers } from './terraformAsyncInvokers.js';
import {
  nothingToFloodInTerraform,
  type TerraformIamFacts,
  terraformIamFacts,
} from './terraformFloodTargets.js';
import {
  gatewayFunctionFinding,
  type TerraformGatewayFacts,
  terraformGatewayFacts,
} from './terraformGatewayJoin.js';
import {
  gatewayResourceFinding,
  type TerraformGatewayResourceFacts,
  terraformGatewayResourceFacts,
} from './terraformGatewayResources.js';
import { type TerraformCodeFacts, terraformCodeFacts } from './terraformHandlers.js';
import { moduleTriggers } from './terraformLambdaModules.js';
import {
  type BindingIndex,
  bindingIndex,
  type TerraformBindingFacts,
  terraformBindingFacts,
} from './terraformModuleBindings.js';
import { moduleDir, onDemandInputs } from './terraformModuleInputs.js';
import { moduleMappingFinding } from './terraformModuleMappings.js';
import { type TerraformReceiveFacts, terraformReceiveFacts, unreceivedQueue } from './terraformReceivers.js';
import { type TerraformS3Facts, terraformS3Facts } from './terraformS3Notified.js';
import {
  type TerraformTimeoutFacts,
  terraformTimeoutFacts,
  timeoutDefaultJudge,
} from './terraformTimeoutDefaults.js';

/** What one .tf file says about queues across modules. */
export interface TerraformFacts {
  /** Outputs of this module that hand on a queue (`output name` -> `aws_sqs_queue` label). */
  readonly outputs: readonly { readonly name: string; readonly queue: string }[];
  /** Names (variables, other modules' outputs) read by event source mappings' `event_source_arn`. */
  readonly consumed: readonly string[];
  /** Names read by CloudWatch metric alarms, directly or through this file's `locals`. */
  readonly alarmed: readonly string[];
  /** Functions (`aws_lambda_function.f`, `module.f`) whose `dead_letter_config` names a queue of this module. */
  readonly functionDlqs: readonly { readonly fn: string; readonly queue: string }[];
  /** Rules of this module that only run on a schedule. */
  readonly scheduledRules: readonly string[];
  /**
   * Who invokes a function asynchronously: an EventBridge target (by rule), or (`via`) an SNS/S3/Logs
   * permission, a log subscription filter, an SNS subscription or an S3 notification.
   */
  readonly invokers: readonly { readonly fn: string; readonly rule?: string; readonly via?: string }[];
  /** Functions an `aws_lambda_function_event_invoke_config` gives an on-failure destination. */
  readonly invokeConfigured: readonly string[];
  /** Bucket notifications and S3 invoke permissions: a permission no notification uses (terraformS3Notified.ts). */
  readonly s3: TerraformS3Facts;
  /** Functions' roles and policies, for what an SQS consumer can flood (terraformFloodTargets.ts). */
  readonly iam: TerraformIamFacts;
  /** Functions' handlers and packages, locals and batch-size-1 mappings, joined per folder (terraformHandlers.ts). */
  readonly code: TerraformCodeFacts;
  /** Outputs and routes for functions an API in another module reaches (terraformGatewayJoin.ts). */
  readonly gateway: TerraformGatewayFacts;
  /** Routes and variable defaults for functions of this folder (terraformGatewayResources.ts). */
  readonly gatewayResources: TerraformGatewayResourceFacts;
  /** Who may receive from this folder's queues (terraformReceivers.ts). */
  readonly receive: TerraformReceiveFacts;
  /** Variables' defaults, locals and local module calls, for what a module's variables are per call (terraformModuleBindings.ts). */
  readonly bindings: TerraformBindingFacts;
  /** Timeout variables and the API this folder builds, for a function module's default (terraformTimeoutDefaults.ts). */
  readonly timeouts: TerraformTimeoutFacts;
  /** Names another tool's function may poll this file's queues by (polledQueueNames.ts). */
  readonly queueNames: readonly TerraformQueueNames[];
}

const FUNCTION_REF = /\b(aws_lambda_function\.[\w-]+|module\.[\w-]+)/;

const NAME_REF =
  /\b(?:var|local)\.([\w-]+)|\bmodule\.[\w-]+\.([\w-]+)|\bdependency\.[\w-]+\.outputs\.([\w-]+)/g;

function namesIn(text: string): string[] {
  return [...text.matchAll(NAME_REF)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

/** The facts of one parsed .tf file. */
export function terraformFacts(blocks: readonly HclBlock[]): TerraformFacts {
  const outputs: { name: string; queue: string }[] = [];
  const locals = new Map<string, string>();
  for (const b of blocks) {
    if (b.type === 'output' && b.labels[0] !== undefined) {
      const queue = /aws_sqs_queue\.([\w-]+)(?:\[[^\]]*\])?\./.exec(b.attrs.get('value')?.raw ?? '')?.[1];
      if (queue !== undefined) outputs.push({ name: b.labels[0], queue });
    }
    if (b.type === 'locals') for (const [name, attr] of b.attrs) locals.set(name, attr.raw);
  }
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const consumed = resources('aws_lambda_event_source_mapping').flatMap((m) =>
    namesIn(m.attrs.get('event_source_arn')?.raw ?? ''),
  );
  const alarmed = resources('aws_cloudwatch_metric_alarm')
    .filter(alarmSignals)
    .flatMap((a) => namesIn(a.text).flatMap((n) => [n, ...namesIn(locals.get(n) ?? '')]));
  const functionDlqs: { fn: string; queue: string }[] = [];
  for (const b of blocks) {
    const fn =
      b.type === 'module'
        ? `module.${b.labels[0]}`
        : b.labels[0] === 'aws_lambda_function'
          ? `aws_lambda_function.${b.labels[1]}`
          : undefined;
    const dlq = /dead_letter_config[\s\S]*?aws_sqs_queue\.([\w-]+)(?:\[[^\]]*\])?\./.exec(b.text)?.[1];
    if (fn !== undefined && dlq !== undefined) functionDlqs.push({ fn, queue: dlq });
  }
  const scheduledRules = resources('aws_cloudwatch_event_rule')
    .filter((r) => r.attrs.has('schedule_expression') && !r.attrs.has('event_pattern'))
    .map((r) => r.labels[1] as string);
  const invokers: { fn: string; rule?: string; via?: string }[] = [];
  for (const t of resources('aws_cloudwatch_event_target')) {
    const fn = FUNCTION_REF.exec(t.attrs.get('arn')?.raw ?? '')?.[1];
    const rule = /aws_cloudwatch_event_rule\.([\w-]+)/.exec(t.attrs.get('rule')?.raw ?? '')?.[1];
    if (fn !== undefined) invokers.push({ fn, rule: rule ?? '' });
  }
  for (const p of resources('aws_lambda_permission')) {
    const fn = FUNCTION_REF.exec(p.attrs.get('function_name')?.raw ?? '')?.[1];
    const principal = ASYNC_PRINCIPAL.exec(p.attrs.get('principal')?.raw ?? '')?.[1];
    if (fn !== undefined && principal !== undefined) invokers.push({ fn, via: `${principal} permission` });
  }
  invokers.push(...asyncSubscribers(resources), ...moduleTriggers(blocks));
  const invokeConfigured = resources('aws_lambda_function_event_invoke_config')
    .filter((c) => /\bon_failure\b/.test(c.text))
    .flatMap((c) => FUNCTION_REF.exec(c.attrs.get('function_name')?.raw ?? '')?.[1] ?? []);
  return {
    outputs,
    consumed,
    alarmed,
    functionDlqs,
    scheduledRules,
    invokers,
    invokeConfigured,
    s3: terraformS3Facts(blocks),
    iam: terraformIamFacts(blocks),
    code: terraformCodeFacts(blocks),
    gateway: terraformGatewayFacts(blocks),
    gatewayResources: terraformGatewayResourceFacts(blocks),
    receive: terraformReceiveFacts(blocks),
    bindings: terraformBindingFacts(blocks),
    timeouts: terraformTimeoutFacts(blocks),
    queueNames: terraformQueueNames(blocks),
  };
}

/** A queue finding that another module may settle: its DLQ alarm, or who polls it. */
export interface TerraformQueueRef {
  readonly queue: string;
  readonly settledBy: 'alarm' | 'lambda' | 'receive';
  readonly sources?: readonly string[];
}

/**
 * Judges the queue findings of every .tf file against the whole project: a DLQ alarmed through another
 * module is dropped, and a queue polled by a Lambda mapping in another module is judged at the Lambda
 * limit. A queue nothing can receive from needs no redrive, and a DLQ fed only by such queues no alarm
 * (terraformReceivers.ts). `files` maps a file's folder (its module) to its facts; `codeReceives` answers
 * whether the scan's code under a folder receives from SQS; `polled` holds the names of queues that
 * functions of the repository's templates (serverless.yml, SAM) poll (polledQueueNames.ts).
 */
export function terraformProject(
  files: readonly { readonly dir: string; readonly facts: TerraformFacts }[],
  codeReceives: (dir: string) => boolean = () => true,
  polled: readonly string[] = [],
): (dir: string, c: Candidate) => Candidate | undefined {
  const consumed = new Set(files.flatMap((f) => f.facts.consumed));
  const alarmed = new Set(files.flatMap((f) => f.facts.alarmed));
  const exported = (dir: string, queue: string) =>
    files
      .filter((f) => f.dir === dir)
      .flatMap((f) => f.facts.outputs)
      .filter((o) => o.queue === queue)
      .map((o) => o.name);
  /** The queue is only the DLQ of functions that only a schedule invokes: their next run is the retry. */
  const quietDlq = (dir: string, queue: string): boolean => {
    const here = files.filter((f) => f.dir === dir).map((f) => f.facts);
    const fns = here.flatMap((f) => f.functionDlqs).filter((d) => d.queue === queue);
    if (fns.length === 0) return false;
    const scheduled = new Set(here.flatMap((f) => f.scheduledRules));
    return fns.every(({ fn }) => {
      const by = here.flatMap((f) => f.invokers).filter((i) => i.fn === fn);
      return by.length > 0 && by.every((i) => i.rule !== undefined && scheduled.has(i.rule));
    });
  };
  /** A function of a template polls the queue by a name its folder declares it under. */
  const polledElsewhere = (dir: string, queue: string): boolean =>
    polled.length > 0 &&
    files
      .filter((f) => f.dir === dir)
      .flatMap((f) => f.facts.queueNames)
      .some((q) => q.queue === queue && q.names.some((n) => polled.some((p) => polledBy(n, p))));
  const folders = files.map((f) => ({
    dir: f.dir,
    calls: f.facts.iam.localModules,
    onDemandTables: f.facts.iam.onDemandTables,
  }));
  const tableInputs = (dir: string) => onDemandInputs(folders, dir);
  let index: BindingIndex | undefined;
  const bindings = () =>
    (index ??= bindingIndex(files.map((f) => ({ dir: f.dir, facts: f.facts.bindings }))));
  let timeoutDefaults: ReturnType<typeof timeoutDefaultJudge> | undefined;
  const timeoutDefault = () => {
    if (timeoutDefaults !== undefined) return timeoutDefaults;
    const byDir = new Map<string, TerraformFacts[]>();
    for (const f of files)
      byDir.set(moduleDir(f.dir, '.'), [...(byDir.get(moduleDir(f.dir, '.')) ?? []), f.facts]);
    timeoutDefaults = timeoutDefaultJudge(bindings(), (d) => byDir.get(moduleDir(d, '.')) ?? [], [
      ...byDir.keys(),
    ]);
    return timeoutDefaults;
  };
  return (dir, c) => {
    if (c.terraformGatewayFunction !== undefined)
      return gatewayFunctionFinding(files, dir, c, c.terraformGatewayFunction);
    if (c.terraformGatewayResource !== undefined)
      return gatewayResourceFinding(files, dir, c, c.terraformGatewayResource);
    if (c.terraformTimeoutDefault !== undefined) return timeoutDefault()(dir, c, c.terraformTimeoutDefault);
    if (c.terraformModuleMapping !== undefined)
      return moduleMappingFinding(bindings(), dir, c, c.terraformModuleMapping);
    if (c.terraformAsyncFunction !== undefined)
      return asyncFunctionFinding(files, dir, c, c.terraformAsyncFunction);
    const consumer = c.terraformFloodFunction;
    const iam = () => files.filter((f) => f.dir === dir).map((f) => f.facts.iam);
    if (consumer !== undefined && nothingToFloodInTerraform(iam(), consumer, tableInputs(dir)))
      return undefined;
    const ref = c.terraformQueue;
    if (ref === undefined) return c;
    if (ref.settledBy === 'alarm' && quietDlq(dir, ref.queue)) return undefined;
    const receive = files.map((f) => ({ dir: f.dir, facts: f.facts.receive }));
    // A function of a serverless.yml or SAM template polling the queue receives from it, though no
    // Terraform mapping or ReceiveMessage call says so.
    const unreceived = (queue: string) =>
      !polledElsewhere(dir, queue) &&
      unreceivedQueue(receive, dir, queue, exported(dir, queue), codeReceives);
    if (ref.settledBy === 'receive') return unreceived(ref.queue) ? undefined : c;
    if (ref.settledBy === 'alarm' && ref.sources !== undefined && ref.sources.every(unreceived))
      return undefined;
    const names = exported(dir, ref.queue);
    if (ref.settledBy === 'alarm') return names.some((n) => alarmed.has(n)) ? undefined : c;
    if (c.maxReceive === undefined) return c;
    if (!names.some((n) => consumed.has(n)) && !polledElsewhere(dir, ref.queue)) return c;
    return {
      ...c,
      message: c.message.replace(' > {limit}', ' > {limit} for a Lambda consumer'),
      maxReceive: { ...c.maxReceive, consumer: 'lambda' },
    };
  };
}
