// Two IaC readers in one repository: a queue declared by Terraform is often polled by a function of a
// serverless.yml (or a SAM template) beside it, which names the queue the only way it can from another
// tool: an SSM parameter Terraform publishes (`${ssm:/app/${stage}/queues/orders/arn}` against
// `aws_ssm_parameter { name = "/app/${terraform.workspace}/queues/orders/arn", value =
// aws_sqs_queue.orders.arn }`) or a literal ARN ending in the queue's name. The consumer side records
// those names (`ssm:<path>`, `queue:<name>`), the Terraform side the same names per queue, and the project
// pass joins them, so a queue Lambda polls is judged at the Lambda limit. Only names both sides write are
// compared: a reference to the template's own resource (`!GetAtt Queue.Arn`) names no Terraform queue,
// and a name a reader cannot read (built by a function, read from a variable) joins nothing.
// Within one serverless.yml the same split holds: its functions poll queues of its own `resources`, which
// the CloudFormation reader judges; serverlessPolledIds hands it those logical ids.
import { type HclBlock, literal } from './hcl.js';
import { type Json, obj } from './IacResult.js';
import { serverlessSqsValues, sourceResources, templateSqsValues } from './polledQueueValues.js';
import { ssmImports } from './stackExports.js';
import { refsIn } from './yamlDocument.js';

/** `${...}` variables, innermost first (a serverless.yml nests them: `${ssm:/a/${sls:stage}/b}`). */
const VARIABLE = /\$\{[^{}]*\}/g;
/** The queue name at the end of an SQS ARN (account and region may be variables, blanked before). */
const SQS_ARN = /arn:aws[\w-]*:sqs:[^:\s'"]*:[^:\s'"]*:([\w*.-]+)/g;

/**
 * A name with its variables blanked to `*`: each tool names the stage through its own variable
 * (`${terraform.workspace}`, `${self:provider.stage}`), so only the literal parts must agree.
 * @example
 * blanked('/app/${sls:stage}/queues/orders/arn') // '/app/* /queues/orders/arn' (without the space)
 */
export function blanked(text: string): string {
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(VARIABLE, '*');
  }
  return out;
}

/**
 * The SSM paths a serverless.yml variable reads (`${ssm:/path, fallback}`, `${ssm(region):/path}`), each
 * with its own variables blanked; the path ends at the first `,` or `}` outside a nested variable.
 */
function ssmPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{ssm(?:\([^)]*\))?:/g)) {
    let depth = 0;
    let end = (m.index ?? 0) + m[0].length;
    for (; end < text.length; end++) {
      const ch = text[end];
      if (ch === '$' && text[end + 1] === '{') depth++;
      else if (ch === '}' && depth-- === 0) break;
      else if (ch === ',' && depth === 0) break;
    }
    const path = blanked(text.slice((m.index ?? 0) + m[0].length, end).trim());
    if (path.startsWith('/')) out.push(`ssm:${path}`);
  }
  return out;
}

/** The names an event source's queue value gives: SSM paths it reads and queue names of SQS ARNs in it. */
function namesOf(value: Json): string[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const queues = [...blanked(text).matchAll(SQS_ARN)].map((m) => `queue:${m[1]}`);
  return [
    ...ssmPaths(text),
    ...queues,
    ...[...text.matchAll(/\{\{resolve:ssm:([^}:]+)/g)].map((m) => `ssm:${blanked(m[1] as string)}`),
  ];
}

/**
 * Names of the queues a serverless.yml's functions poll (`events: - sqs: arn: ...`, or `- sqs: <arn>`),
 * read from the configuration as written and as deployed: the written text keeps an SSM path that a
 * fallback replaces when resolved, the deployed one holds functions included from other files.
 */
export function serverlessPolledNames(...configs: readonly Json[]): string[] {
  const out = new Set<string>();
  for (const config of configs)
    for (const value of serverlessSqsValues(obj(obj(config)?.functions) ?? {}))
      for (const name of namesOf(value)) out.add(name);
  return [...out];
}

/**
 * Logical ids of a serverless.yml's own `resources` that its functions poll (`sqs: arn: !GetAtt Jobs.Arn`):
 * the CloudFormation reader sees only the resources, so without these it judged such a queue's
 * maxReceiveCount at the limit for other consumers.
 */
export function serverlessPolledIds(
  functions: Record<string, Json>,
  resources: Record<string, Json> = {},
): Set<string> {
  const out = new Set<string>();
  for (const value of serverlessSqsValues(functions)) refsIn(value, out);
  // A definition the configuration computes (`worker: worker(config, params)`, an imported factory's
  // object) may hold the `sqs` event: unread is not absent, so each queue of the configuration may be
  // polled by a Lambda, and is judged at that consumer's limit rather than the stricter one.
  if (Object.values(functions).some((f) => obj(f) === undefined))
    for (const [id, r] of Object.entries(resources)) if (obj(r)?.Type === 'AWS::SQS::Queue') out.add(id);
  return out;
}

/**
 * Names of the queues a SAM/CloudFormation template's functions poll: an `SQS` event's `Queue` or an
 * `AWS::Lambda::EventSourceMapping`'s `EventSourceArn`, through `{{resolve:ssm:...}}`, an SSM-typed
 * parameter's default, or a literal ARN.
 */
export function templatePolledNames(template: Record<string, Json>): string[] {
  const out = new Set<string>();
  const add = (value: Json) => {
    for (const name of namesOf(value)) out.add(name);
    for (const path of ssmImports(value, template)) out.add(`ssm:${path}`);
  };
  for (const value of templateSqsValues(sourceResources(template))) add(value);
  return [...out];
}

/** A Terraform queue's names another tool may poll it by: its `name`, and SSM parameters holding it. */
export interface TerraformQueueNames {
  readonly queue: string;
  readonly names: readonly string[];
}

/**
 * The names of this file's queues: `queue:<name>` from a quoted `name` (variables blanked), and
 * `ssm:<path>` for each `aws_ssm_parameter` whose `value` reads the queue (`aws_sqs_queue.q.arn`).
 */
export function terraformQueueNames(blocks: readonly HclBlock[]): TerraformQueueNames[] {
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const parameters = resources('aws_ssm_parameter');
  return resources('aws_sqs_queue').flatMap((q) => {
    const label = q.labels[1] as string;
    const names: string[] = [];
    const name = /^"/.test(q.attrs.get('name')?.raw ?? '') ? literal(q.attrs.get('name')) : undefined;
    if (name !== undefined) names.push(`queue:${blanked(name)}`);
    const reads = new RegExp(`\\baws_sqs_queue\\.${label}(?:\\[[^\\]]*\\])?\\.\\w`);
    for (const p of parameters) {
      const path = /^"/.test(p.attrs.get('name')?.raw ?? '') ? literal(p.attrs.get('name')) : undefined;
      if (path !== undefined && reads.test(p.attrs.get('value')?.raw ?? ''))
        names.push(`ssm:${blanked(path)}`);
    }
    return names.length > 0 ? [{ queue: label, names }] : [];
  });
}

/**
 * The words a deploy-time variable in a queue name or SSM path is taken to stand for: a stage or
 * environment, optionally with a region or number (`prod_eu`, `dev2`). A variable standing for anything
 * else (a service, a project, the whole name) joins queues that have nothing to do with each other, and
 * a DLQ's `dlq` word must never be taken for a stage.
 */
const STAGE =
  /^(?:dev|develop|development|prod|production|prd|stage|staging|stg|test|testing|qa|uat|sandbox|sbx|preprod|demo|local|live|beta|alpha|int|integration|e2e|perf|preview)\d*(?:_[a-z]{2}(?:_?[a-z]+)?\d*)?$/i;

/**
 * A name the join may use: at most one variable, taken for the stage, and a literal word besides it
 * (an SSM path: two literal segments). A name made only of variables (`${var.name}`, a module's queue)
 * or of two (`${var.project}-${var.env}`) would join every queue whose words happen to fit.
 */
function joinable(kind: string, name: string): boolean {
  if ((name.match(/\*/g) ?? []).length > 1) return false;
  if (kind === 'ssm')
    return name.split('/').filter((seg) => /[A-Za-z]/.test(seg) && !seg.includes('*')).length >= 2;
  return /[A-Za-z]/.test(name.replace(/\*/g, ''));
}

/**
 * One name part against another: equal (a variable in the same place on both sides included), or a
 * variable on one side standing for a stage word of the other.
 */
function samePart(declared: string, polled: string): boolean {
  if (declared === polled) return true;
  if (declared.includes('*') === polled.includes('*')) return false;
  const [pattern, other] = declared.includes('*') ? [declared, polled] : [polled, declared];
  const [before = '', after = ''] = pattern.split('*');
  return (
    other.length > before.length + after.length &&
    other.startsWith(before) &&
    other.endsWith(after) &&
    STAGE.test(other.slice(before.length, other.length - after.length))
  );
}

/**
 * Does a name a queue is declared under match a name a consumer polls? SSM paths are compared segment by
 * segment, queue names whole; each side may hold one variable, standing for a stage word (`dev`,
 * `prod_eu`) of the other side or for the variable in the same place there, so `orders-queue-*` matches
 * `orders-queue-dev` but neither `orders-queue-dlq-dev` nor `orders-queue-worker`.
 * @example
 * polledBy('ssm:/app/* /queues/orders/arn', 'ssm:/app/prod/queues/orders/arn') // true (without the spaces)
 */
export function polledBy(declared: string, polled: string): boolean {
  const [kind = '', name = ''] = declared.split(/:(.*)/s);
  const [otherKind, other = ''] = polled.split(/:(.*)/s);
  if (kind !== otherKind || !joinable(kind, name) || !joinable(kind, other)) return false;
  if (kind === 'queue') return samePart(name, other);
  const a = name.split('/');
  const b = other.split('/');
  return a.length === b.length && a.every((seg, i) => samePart(seg, b[i] as string));
}
