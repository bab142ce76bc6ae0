// The queue values Lambda event sources poll, walked once for every reader that needs them: the
// serverless.yml ids and names (polledQueueNames.ts) and the SAM/CloudFormation Lambda consumers
// (cfnQueues.ts). A source switched off (`enabled: false`, `Enabled: false`) polls nothing: it is kept to
// pause a consumer or to prepare a cut-over, so whatever really receives from the queue is not that Lambda.
import { type Json, obj } from './IacResult.js';

/** Switched off: YAML gives a boolean, a JSON template or a substituted value may give the string. */
const off = (value: Json): boolean => value === false || value === 'false';

/** A template resource as the walk needs it: its type and its properties. */
export interface SourceResource {
  readonly type: unknown;
  readonly props: Record<string, Json>;
}

/** The queue value of each enabled `sqs` event of a serverless.yml's functions (`- sqs: arn: ...` or `- sqs: <arn>`). */
export function* serverlessSqsValues(functions: Record<string, Json>): Generator<Json> {
  for (const fn of Object.values(functions)) {
    const events = obj(fn)?.events;
    for (const ev of Array.isArray(events) ? events : []) {
      const sqs = obj(ev)?.sqs;
      if (sqs === undefined || off(obj(sqs)?.enabled)) continue;
      yield obj(sqs)?.arn ?? sqs;
    }
  }
}

/** The queue value of each enabled SQS event of a SAM function and each enabled event source mapping. */
export function* templateSqsValues(resources: Iterable<SourceResource>): Generator<Json> {
  for (const r of resources) {
    if (r.type === 'AWS::Lambda::EventSourceMapping' && !off(r.props.Enabled)) yield r.props.EventSourceArn;
    if (r.type !== 'AWS::Serverless::Function') continue;
    for (const ev of Object.values(obj(r.props.Events) ?? {})) {
      const props = obj(obj(ev)?.Properties);
      if (obj(ev)?.Type === 'SQS' && !off(props?.Enabled)) yield props?.Queue;
    }
  }
}

/** A raw template's `Resources` as the walk's shape. */
export function sourceResources(template: Record<string, Json>): SourceResource[] {
  return Object.values(obj(template.Resources) ?? {}).map((r) => ({
    type: obj(r)?.Type,
    props: obj(obj(r)?.Properties) ?? {},
  }));
}
