// iac-missing-dlq for a template function invoked asynchronously by a resource of its own rather than by a
// SAM event (cloudformation.ts judges those, and rule targets): an `AWS::SNS::Subscription` with protocol
// `lambda`, an S3 bucket's `NotificationConfiguration.LambdaConfigurations`, an `AWS::Logs::SubscriptionFilter`
// or an `AWS::IoT::TopicRule` Lambda action. Lambda retries such an
// event twice and then drops it unless the function has a dead-letter queue or an on-failure destination;
// an SNS subscription's own `RedrivePolicy` does not count (it keeps only undeliverable messages). An invoke
// permission alone is no invocation: templates keep permissions for topics nothing subscribes any more.
// Terraform's counterpart is terraformAsyncInvokers.ts. A function handed another's name or ARN in an
// environment variable (`NOTIFY_FN: !GetAtt Notify.Arn`) invokes it asynchronously only when its code does
// (`FunctionName: process.env.NOTIFY_FN, InvocationType: 'Event'`): that finding waits on the project pass,
// as does one for a function invoked by the name the template deploys it under (cfnNameInvoked.ts).
import { checkNameInvoked, invokedName } from './cfnNameInvoked.js';
import type { EnvHanded } from './envHandedFunctions.js';
import { type IacReport, type Json, obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';
import { refsIn } from './yamlDocument.js';

/**
 * Where a function sends an event that still fails after Lambda's async retries: its own or the Globals'
 * dead-letter queue, or on-failure destination.
 */
export function failureTargetOf(r: TemplateResource | undefined, globals: Record<string, Json>): Json {
  return r === undefined
    ? undefined
    : (r.props.DeadLetterQueue ??
        r.props.DeadLetterConfig ??
        globals.DeadLetterQueue ??
        obj(obj(r.props.EventInvokeConfig ?? globals.EventInvokeConfig)?.DestinationConfig)?.OnFailure);
}

/** A function's code folder relative to the template ('' for the template's own, or code kept in S3). */
// The name condition checkNameInvoked would have reported under, for a finding that settles it first.
function named(fn: TemplateResource): { onlyIfNameInvoked?: string[] } {
  const name = invokedName(fn);
  return name === undefined ? {} : { onlyIfNameInvoked: [name] };
}

function codeDirOf(codeUri: Json): string {
  return typeof codeUri === 'string' && !codeUri.startsWith('s3:')
    ? codeUri.replace(/^\.\/?/, '').replace(/\/$/, '')
    : '';
}

/**
 * Reports each function of the template such resources invoke, once, at the function, when the
 * function has no failure target (`settled`: its DLQ, destination, or event invoke config).
 * @example
 * checkAsyncInvokers(resources, byId, at, report, (fn) => fn.props.DeadLetterConfig !== undefined, envHandedFunctions(template), globals)
 */
export function checkAsyncInvokers(
  resources: readonly TemplateResource[],
  byId: ReadonlyMap<string, TemplateResource>,
  at: (r: TemplateResource, ...path: (string | number)[]) => (string | number)[],
  report: IacReport,
  settled: (fn: TemplateResource) => boolean,
  env: readonly EnvHanded[] = [],
  globals: Record<string, Json> = {},
): void {
  const fnOf = (value: unknown) =>
    [...refsIn(value)].map((id) => byId.get(id)).find((r) => r?.type.endsWith('::Function'));
  /** Function id -> the first invoker that leaves failed events to the function. */
  const invoked = new Map<string, { by: TemplateResource; what: string }>();
  const note = (fn: TemplateResource | undefined, by: TemplateResource, what: string) => {
    if (fn !== undefined && !invoked.has(fn.id)) invoked.set(fn.id, { by, what });
  };
  for (const r of resources) {
    if (r.type === 'AWS::SNS::Subscription' && /^lambda$/i.test(String(r.props.Protocol))) {
      // Its RedrivePolicy keeps only what SNS could not deliver: a failed run is the function's to keep.
      note(fnOf(r.props.Endpoint), r, 'an SNS subscription');
    }
    if (r.type === 'AWS::S3::Bucket')
      for (const c of [obj(r.props.NotificationConfiguration)?.LambdaConfigurations ?? []].flat())
        note(fnOf(obj(c)?.Function), r, 'an S3 notification');
    // CloudWatch Logs subscriptions and IoT rule actions invoke Lambda asynchronously as well.
    if (r.type === 'AWS::Logs::SubscriptionFilter')
      note(fnOf(r.props.DestinationArn), r, 'a CloudWatch Logs subscription');
    if (r.type === 'AWS::IoT::TopicRule')
      for (const a of [obj(r.props.TopicRulePayload)?.Actions ?? []].flat())
        note(fnOf(obj(obj(a)?.Lambda)?.FunctionArn), r, 'an IoT rule');
  }
  // Handed by name in another function's environment: kept where the holder's own code (a module under its
  // CodeUri) invokes by the variable with 'Event'; another service invoking a variable of the same name
  // says nothing of this one.
  const byEnv = new Map<string, { variables: string[]; under: string[] }>();
  for (const { variable, holder, target } of env) {
    const by = holder === undefined ? undefined : byId.get(holder);
    if (by === undefined || target === by.id || invoked.has(target)) continue;
    const entry = byEnv.get(target) ?? { variables: [], under: [] };
    entry.variables.push(variable);
    entry.under.push(codeDirOf(by.props.CodeUri ?? globals.CodeUri));
    byEnv.set(target, entry);
  }
  for (const [id, { variables, under }] of byEnv) {
    const fn = byId.get(id) as TemplateResource;
    if (settled(fn)) continue;
    report(
      'iac-missing-dlq',
      at(fn),
      `${id} is invoked asynchronously (by the code reading ${variables.join(', ')} with InvocationType 'Event') with no DeadLetterConfig or OnFailure destination: events that still fail after Lambda's retries are dropped`,
      // Its deployed name as well: this report settles it for checkNameInvoked, so it is kept if either holds.
      { onlyIfEnvInvoked: { variables, under }, ...named(fn) },
    );
  }
  for (const [id, { what }] of invoked) {
    const fn = byId.get(id) as TemplateResource;
    if (settled(fn)) continue;
    // At the function, as for SAM events: its DLQ or on-failure destination is the one fix.
    report(
      'iac-missing-dlq',
      at(fn),
      `${id} is invoked asynchronously (${what}) with no DeadLetterConfig or OnFailure destination: events that still fail after Lambda's retries are dropped`,
    );
  }
  // Last: a function already reported above is settled for this pass.
  checkNameInvoked(resources, at, report, settled);
}
