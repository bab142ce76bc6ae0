// iac-missing-dlq for SQS queues a Serverless Framework configuration in TypeScript declares as CloudFormation
// resources kept apart from the configuration object (`export const sqsResource: AWS['resources']['Resources']
// = { jobs: { Type: 'AWS::SQS::Queue', Properties: { ... } } }`, spread or imported into `resources`): the
// configuration pass (serverlessTs.ts) reads only what is written inside it, so such a queue with no
// `RedrivePolicy` retried a poison message until retention deleted it unseen. A queue named for a DLQ, or
// that another resource of the module names as its `deadLetterTargetArn`, is the dead-letter queue itself.
import { type Node, objectProps, propertyName, someDescendant, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

const QUEUE_TYPE = 'AWS::SQS::Queue';

/** Is the property inside a serverless.ts configuration object (`{ service, provider, ... }`), judged there? */
function inConfiguration(ctx: ModuleContext, node: Node): boolean {
  for (let up = ctx.parentOf(node); up !== undefined; up = ctx.parentOf(up)) {
    const props = up.type === 'ObjectExpression' ? objectProps(up)?.props : undefined;
    if (props?.has('service') === true && props.has('provider')) return true;
  }
  return false;
}

/** Logical ids a CloudFormation string names: `'JobsDlq'`, `'JobsDlq.Arn'`, or each `${JobsDlq.Arn}` of a Fn::Sub. */
function idsIn(text: string): string[] {
  if (text.includes('${')) return [...text.matchAll(/\$\{([\w]+)(?:\.\w+)?\}/g)].map((m) => m[1] as string);
  const whole = /^(\w+)(?:\.\w+)?$/.exec(text);
  return whole === null ? [] : [whole[1] as string];
}

/**
 * The logical ids the module's `deadLetterTargetArn` values name, exactly: `{ 'Fn::GetAtt': ['JobsDlq', 'Arn'] }`,
 * `{ 'Fn::GetAtt': 'JobsDlq.Arn' }`, `{ Ref: 'JobsDlq' }`, `{ 'Fn::Sub': '${JobsDlq.Arn}' }`.
 */
function deadLetterTargets(ctx: ModuleContext): Set<string> {
  const ids = new Set<string>();
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'deadLetterTargetArn') continue;
    const value = ctx.valueOf(p.value as Node) ?? (p.value as Node);
    someDescendant(value, (n) => {
      const text = n.type === 'Literal' || n.type === 'TemplateLiteral' ? stringValue(n) : undefined;
      for (const id of idsIn(text ?? '')) ids.add(id);
      return false;
    });
    const own = stringValue(value);
    for (const id of idsIn(own ?? '')) ids.add(id);
  }
  return ids;
}

/**
 * iac-missing-dlq at each queue resource kept outside the configuration object with no RedrivePolicy.
 * @example
 * tsResourceQueueRules(ctx, report) // at `receiverQueue` of `{ receiverQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName } } }`
 */
export const tsResourceQueueRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells(QUEUE_TYPE)) return;
  const targets = deadLetterTargets(ctx);
  for (const p of ctx.of('Property')) {
    const value = unwrap(p.value as Node);
    const resource = value?.type === 'ObjectExpression' ? objectProps(value) : undefined;
    if (resource === undefined || resource.spread) continue;
    if (stringValue(ctx.valueOf(resource.props.get('Type'))) !== QUEUE_TYPE) continue;
    const id = propertyName(p.key as Node, p.computed as boolean);
    if (id === undefined || inConfiguration(ctx, p)) continue;
    const propsNode = resource.props.get('Properties');
    const props =
      propsNode === undefined ? undefined : objectProps(ctx.valueOf(propsNode) ?? unwrap(propsNode));
    // Written where the scan cannot read it (a spread, a call): it may set the redrive policy.
    if (propsNode !== undefined && (props === undefined || props.spread)) continue;
    if (props?.props.has('RedrivePolicy') === true) continue;
    const name = stringValue(ctx.valueOf(props?.props.get('QueueName'))) ?? '';
    if (/dlq|dead.?letter/i.test(`${id} ${name}`) || targets.has(id)) continue;
    report(
      'iac-missing-dlq',
      p,
      `queue ${id} has no RedrivePolicy: a poison message is retried until retention deletes it`,
    );
  }
};
