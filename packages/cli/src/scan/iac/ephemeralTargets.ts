// iac-missing-dlq for asynchronously invoked functions is about work that is lost: an event dropped after
// the retries should be somewhere it can be replayed from. A SAM function whose permissions reach only
// outputs that are worthless once late (a CloudWatch data point, a live IoT push to a display) loses
// nothing a dead-letter queue could give back: replaying it an hour later would count the metric in the
// wrong minute or push a stale state. Any other permission, a separate Role the template does not show,
// or an environment variable naming another endpoint (a URL, a DSN, a webhook; by name or by value) keeps
// the finding: what needs no IAM permission, an HTTPS call, may be the function's real work.
import { type Json, obj } from './IacResult.js';

interface Resource {
  readonly id: string;
  readonly type: string;
  readonly props: Record<string, Json>;
}

/** SAM policy templates whose only output is a metric. */
const EPHEMERAL_TEMPLATES = /^(CloudWatchPutMetricPolicy)$/;
/** Actions whose effect is worthless once late (metrics, live device pushes) or only observability. */
const EPHEMERAL_ACTION = /^(cloudwatch:PutMetricData|iot:(Publish|Connect)|logs:[A-Za-z*]+|xray:[A-Za-z*]+)$/;
const BASIC_MANAGED = /^(AWSLambdaBasicExecutionRole|AWSXRayDaemonWriteAccess|AWSXrayWriteOnlyAccess)$/;
/**
 * An environment variable naming somewhere else to send to; the IoT data endpoint is the push itself. A
 * DSN or webhook is an HTTPS endpoint outside AWS: a log shipper forwarding to Sentry needs only
 * `logs:*` from IAM, its real work is the outbound call.
 */
const ENDPOINT_WORD =
  /^(URL|URI|ENDPOINT|HOST|HOSTNAME|API|DATABASE|DB|TABLE|QUEUE|TOPIC|BUS|BUCKET|FUNCTION|DSN|WEBHOOK)$/i;
/** A value that is itself an address to call: `https://...`, or a `!Sub` building one (`${ApiUrl}/ingest`). */
const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\/|\$\{[A-Za-z0-9]*(Url|Uri|Endpoint)\b/;

/** The text of a variable's value: a literal, or the string of its `Fn::Sub`. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  const sub = obj(value)?.['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' ? text : '';
}

function ephemeralStatement(s: unknown): boolean {
  const statement = obj(s);
  if (statement === undefined) return false;
  if (statement.Effect === 'Deny') return true;
  const actions = ([] as unknown[]).concat(statement.Action ?? []);
  return actions.length > 0 && actions.every((a) => typeof a === 'string' && EPHEMERAL_ACTION.test(a));
}

function ephemeralPolicy(p: unknown): boolean {
  if (typeof p === 'string') return BASIC_MANAGED.test(p);
  const policy = obj(p);
  if (policy === undefined) return false;
  if (policy.Statement !== undefined)
    return ([] as unknown[]).concat(policy.Statement).every((s) => ephemeralStatement(s));
  const keys = Object.keys(policy);
  return keys.length === 1 && EPHEMERAL_TEMPLATES.test(keys[0] as string);
}

/**
 * True when everything the function may do is emit a metric or a live push: a dropped event has nothing
 * to give back later.
 *
 * @example
 * onlyEphemeralOutput(fn, globals) // Policies: [CloudWatchPutMetricPolicy: {}] -> true
 */
export function onlyEphemeralOutput(fn: Resource | undefined, globals: Record<string, Json>): boolean {
  if (fn?.type !== 'AWS::Serverless::Function' || fn.props.Role !== undefined) return false;
  const policies = ([] as unknown[]).concat(fn.props.Policies ?? []);
  // No policy at all: the function may still call anything outside AWS.
  if (policies.length === 0 || !policies.every((p) => ephemeralPolicy(p))) return false;
  const variables = {
    ...(obj(obj(globals.Environment)?.Variables) ?? {}),
    ...(obj(obj(fn.props.Environment)?.Variables) ?? {}),
  };
  return !Object.entries(variables).some(([name, value]) => {
    const words = name.split(/[_-]/);
    if (words.some((w) => /^iot$/i.test(w))) return false;
    return words.some((w) => ENDPOINT_WORD.test(w)) || URL_VALUE.test(valueText(value));
  });
}
