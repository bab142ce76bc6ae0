// iac-missing-dlq for a serverless.yml function that no event of its own configuration triggers, but that a
// service deployed elsewhere (a platform's Terraform, another repository) invokes asynchronously: the only
// trace the service keeps of that wiring is the `AWS::Lambda::Permission` in its `resources` that lets the
// topic or bucket call the function (`Principal: sns.amazonaws.com`, `SourceArn:
// arn:aws:sns:eu-west-1:123456789012:billing-alerts`). Lambda retries such an event twice and then drops it
// unless the function has an on-failure target. An EventBridge permission is not read: it cannot tell a
// schedule (its next run is its retry) from a pattern rule. A permission whose `SourceArn` may name a resource
// of the same configuration is left to the readers of that resource: any `Ref`, `GetAtt` or `${Id}` of a
// logical id (`!Ref LedgerTopic`, `!Ref SNSTopicAlerts` of an `sns: alerts` event), or a name that a
// resource's `TopicName`/`BucketName`/`Name` or an `sns:`/`s3:` event gives; there the scan sees whether
// anything subscribes, and templates keep stale permissions for topics nothing uses any more
// (cfnAsyncInvokers.ts). Reported at the function's key, where its `destinations.onFailure` is written.
import { ASYNC_PRINCIPAL } from './asyncEvents.js';
import { type IacReport, type Json, obj, workLink } from './IacResult.js';
import { extendedDeadLetter } from './serverlessExtensions.js';
import {
  deployedNames,
  deployPattern,
  eventless,
  keepsAsyncFailure,
  serviceName,
} from './serverlessInvoked.js';
import { functionLogicalId } from './serverlessStepTasks.js';
import { refsIn } from './yamlDocument.js';

/** What `refsIn` reads from a `${...}` that names no logical id: a pseudo parameter or a Framework variable. */
const NOT_AN_ID = /^(?:AWS(?:::.*)?|self|sls|opt|env|file|cf|s3|ssm|aws|param|strToBool)$/;

/** A string, or the text of a `Fn::Sub`, or a `Fn::Join` of strings and `AWS::URLSuffix`. */
function textOf(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value;
  const sub = obj(value)?.['Fn::Sub'];
  const subText = Array.isArray(sub) ? sub[0] : sub;
  if (typeof subText === 'string') return subText;
  const join = obj(value)?.['Fn::Join'];
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a template
  const parts = join[1].map((p) => (obj(p)?.Ref === 'AWS::URLSuffix' ? '${AWS::URLSuffix}' : p));
  return parts.every((p) => typeof p === 'string') ? parts.join(join[0]) : undefined;
}

/** The last `:` or `/` segment of an ARN (or a bare name), deploy-time values as `*`. */
function lastSegment(text: string): string {
  return deployPattern(text).split(/[:/]/).at(-1) ?? '';
}

/** A glob (`*` for anything) as a whole-string pattern. */
function glob(g: string): RegExp {
  return new RegExp(
    `^${g
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Does glob `a` match `b`, or `b` match `a`? */
function globsMeet(a: string, b: string): boolean {
  return glob(a).test(b) || glob(b).test(a);
}

/** The names this configuration gives its topics, buckets and rules, deploy-time values as `*`. */
function builtNames(config: Record<string, Json>, resources: Record<string, Json>): string[] {
  const out: string[] = [];
  for (const r of Object.values(resources)) {
    const props = obj(obj(r)?.Properties);
    for (const k of ['TopicName', 'BucketName', 'Name'])
      if (typeof props?.[k] === 'string') out.push(lastSegment(props[k]));
  }
  for (const f of Object.values(obj(config.functions) ?? {})) {
    const events = obj(f)?.events;
    for (const e of Array.isArray(events) ? events : []) {
      const sns = obj(e)?.sns;
      const s3 = obj(e)?.s3;
      const name = textOf(obj(sns)?.topicName ?? obj(sns)?.arn ?? sns) ?? textOf(obj(s3)?.bucket ?? s3);
      if (name !== undefined) out.push(lastSegment(name));
    }
  }
  return out;
}

/** May `source` name a topic, bucket or rule this configuration builds? */
function builtHere(source: Json, built: readonly string[]): boolean {
  if ([...refsIn(source)].some((id) => !NOT_AN_ID.test(id))) return true;
  const text = textOf(source);
  if (text === undefined) return true;
  const name = lastSegment(text);
  return built.some((b) => globsMeet(b, name));
}

/** The function key a `FunctionName` names: by its logical id, or by its deployed name (or that name's ARN). */
function functionKey(config: Record<string, Json>, fnName: Json | undefined): string | undefined {
  const functions = obj(config.functions) ?? {};
  for (const id of refsIn(fnName))
    for (const key of Object.keys(functions)) if (functionLogicalId(key) === id) return key;
  const service = serviceName(config);
  const text = textOf(fnName);
  if (service === undefined || text === undefined) return undefined;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the Framework's variable, not a template
  const name = deployPattern(text.replaceAll('${self:service}', service).replace(/^.*:function:/, ''));
  return Object.keys(functions).find((key) =>
    deployedNames(service, key, obj(functions[key]) ?? {}).some((d) => glob(d).test(name)),
  );
}

/**
 * The function keys an external asynchronous invoker is permitted to call, with the principal that calls, and
 * the keys an `AWS::Lambda::EventInvokeConfig` gives an on-failure destination.
 * @example
 * permittedInvokers(config) // { invoked: Map { 'bounceNotice' => 'sns' }, settled: Set {} }
 */
export function permittedInvokers(config: Record<string, Json>): {
  invoked: Map<string, string>;
  settled: Set<string>;
} {
  const resources = obj(obj(config.resources)?.Resources) ?? {};
  const built = builtNames(config, resources);
  const invoked = new Map<string, string>();
  const settled = new Set<string>();
  for (const r of Object.values(resources)) {
    const resource = obj(r);
    const props = obj(resource?.Properties);
    if (props === undefined) continue;
    if (resource?.Type === 'AWS::Lambda::EventInvokeConfig' && obj(obj(props.DestinationConfig)?.OnFailure)) {
      const key = functionKey(config, props.FunctionName);
      if (key !== undefined) settled.add(key);
    }
    if (resource?.Type !== 'AWS::Lambda::Permission') continue;
    const principal = ASYNC_PRINCIPAL.exec(textOf(props.Principal) ?? '')?.[1];
    // A source this configuration may build is judged where it is built; no `SourceArn` names no source.
    if (principal === undefined || props.SourceArn === undefined || builtHere(props.SourceArn, built))
      continue;
    const key = functionKey(config, props.FunctionName);
    if (key !== undefined && !invoked.has(key)) invoked.set(key, principal);
  }
  return { invoked, settled };
}

/**
 * Reports each function with no events that an external asynchronous invoker is permitted to call and that
 * has no on-failure target; answers the keys it judged, which no other reader of eventless functions need ask.
 * `judgedBefore` holds the keys an earlier reader settled (a resource of the configuration invokes them): one
 * finding per function, however many invokers it has.
 * @example
 * checkPermittedInvokers(config, report) // iac-missing-dlq at functions.bounceNotice
 */
export function checkPermittedInvokers(
  config: Record<string, Json>,
  report: IacReport,
  judgedBefore: ReadonlySet<string> = new Set(),
): Set<string> {
  const judged = new Set<string>();
  const functions = obj(config.functions) ?? {};
  const { invoked, settled } = permittedInvokers(config);
  for (const [key, principal] of invoked) {
    const fn = obj(functions[key]);
    // A function with events is judged by them (an async event there is reported already).
    if (fn === undefined || !eventless(fn) || judgedBefore.has(key)) continue;
    judged.add(key);
    if (settled.has(key) || keepsAsyncFailure(fn, extendedDeadLetter(config, key))) continue;
    report(
      'iac-missing-dlq',
      ['functions', key],
      `${key} is invoked asynchronously by ${principal} (an AWS::Lambda::Permission for a source deployed elsewhere) with no destinations.onFailure, onError or deadLetter: after Lambda's two retries the event is dropped`,
      typeof fn.handler === 'string' ? workLink(fn.handler) : undefined,
    );
  }
  return judged;
}
