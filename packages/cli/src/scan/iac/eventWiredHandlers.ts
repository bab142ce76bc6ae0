// Handlers a template wires to a source that delivers the same event more than once: a queue or stream
// (a failed batch returns, a shard is retried) or an asynchronous invoke (an SNS subscription, an
// EventBridge rule with an event pattern, an S3 notification: Lambda retries a failed invocation twice).
// The handler's code may show none of it (`async (event) => save(parse(event.body))`), so this is the second
// source of js/redelivery.ts's answer, settled per handler export in the project pass (keepCandidate.ts).
// A schedule is left out: a scheduled job selects its own work each run (as redelivery.ts decides).
import { type Json, joinHandler, obj } from './IacResult.js';

/** serverless.yml event keys of redelivered sources. `eventBridge` and `cloudwatchEvent` need a pattern. */
const SERVERLESS_SOURCES = new Set(['sqs', 'stream', 'sns', 's3', 'msk', 'kafka', 'activemq', 'rabbitmq']);
const SERVERLESS_RULES = new Set(['eventBridge', 'cloudwatchEvent']);

/** SAM `Events` types of redelivered sources; an EventBridge rule counts only with a `Pattern`. */
const SAM_SOURCES = new Set(['SQS', 'Kinesis', 'DynamoDB', 'SNS', 'S3', 'MQ', 'MSK', 'SelfManagedKafka']);
const SAM_RULES = new Set(['EventBridgeRule', 'CloudWatchEvent']);

// Only an event source mapping hands a function a batch: Lambda polls SQS, Kinesis, DynamoDB Streams,
// Amazon MQ, MSK, self-managed Kafka and DocumentDB. Every other trigger (SNS, S3, EventBridge, a schedule,
// an API, CloudWatch Logs, IoT, Cognito) invokes it with one event, so a function fed by those alone has no
// batch to answer for, whatever its code reads (`event.Records` of an SNS or S3 event holds one record).
const SERVERLESS_POLLED = new Set(['sqs', 'stream', 'msk', 'kafka', 'activemq', 'rabbitmq']);
const SAM_POLLED = new Set(['SQS', 'Kinesis', 'DynamoDB', 'MQ', 'MSK', 'SelfManagedKafka', 'DocumentDB']);

/**
 * Handler strings (`src/consume.handler`) of a serverless.yml's functions with such an event; with
 * `oneRecord`, of those that no polled source feeds (one event per invocation, as a batch size of 1).
 * @example
 * serverlessEventHandlers({ functions: { f: { handler: 'src/f.main', events: [{ sns: 'topic' }] } } }) // ['src/f.main']
 */
export function serverlessEventHandlers(config: Record<string, Json>, oneRecord = false): string[] {
  const out: string[] = [];
  for (const f of Object.values(obj(config.functions) ?? {})) {
    const fn = obj(f);
    if (typeof fn?.handler !== 'string' || !Array.isArray(fn.events)) continue;
    const wired = (fn.events as Json[]).some((ev) =>
      Object.entries(obj(ev) ?? {}).some(
        ([key, value]) =>
          SERVERLESS_SOURCES.has(key) || (SERVERLESS_RULES.has(key) && obj(value)?.pattern !== undefined),
      ),
    );
    // Only when no polled source feeds it.
    const single =
      fn.events.length > 0 &&
      (fn.events as Json[]).every((ev) =>
        Object.keys(obj(ev) ?? {}).every((key) => !SERVERLESS_POLLED.has(key)),
      );
    if (oneRecord ? single : wired) out.push(fn.handler);
  }
  // A serverless-lift `queue` construct's worker is an SQS consumer (iac/serverless.ts liftQueueWorkers).
  if (!oneRecord)
    for (const c of Object.values(obj(config.constructs) ?? {})) {
      const handler = obj(obj(c)?.worker)?.handler;
      if (obj(c)?.type === 'queue' && typeof handler === 'string') out.push(handler);
    }
  return out;
}

/**
 * Handler strings of a SAM template's functions with such an event (with `oneRecord`: only events of
 * sources Lambda does not poll, one event per invocation), or that an
 * `AWS::Lambda::EventSourceMapping` names by `Ref` / `Fn::GetAtt` (a queue, stream or broker).
 * @example
 * samEventHandlers({ Resources: { F: { Type: 'AWS::Serverless::Function', Properties:
 *   { CodeUri: 'src/', Handler: 'app.handler', Events: { Q: { Type: 'SQS' } } } } } }) // ['src/app.handler']
 */
export function samEventHandlers(template: Record<string, Json>, oneRecord = false): string[] {
  const globals = obj(obj(template.Globals)?.Function) ?? {};
  const resources = obj(template.Resources) ?? {};
  const mapped = new Set<string>();
  for (const r of Object.values(resources)) {
    const res = obj(r);
    if (res?.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const name = obj(res.Properties)?.FunctionName;
    const ref = obj(name)?.Ref ?? obj(name)?.['Fn::GetAtt'];
    const id = Array.isArray(ref) ? ref[0] : typeof ref === 'string' ? ref.split('.')[0] : undefined;
    if (typeof id === 'string') mapped.add(id);
  }
  const out: string[] = [];
  for (const [id, r] of Object.entries(resources)) {
    const res = obj(r);
    if (res?.Type !== 'AWS::Serverless::Function' && res?.Type !== 'AWS::Lambda::Function') continue;
    const props = obj(res.Properties) ?? {};
    const wired =
      mapped.has(id) ||
      Object.values(obj(props.Events) ?? {}).some((ev) => {
        const e = obj(ev);
        const type = typeof e?.Type === 'string' ? e.Type : '';
        return SAM_SOURCES.has(type) || (SAM_RULES.has(type) && obj(e?.Properties)?.Pattern !== undefined);
      });
    // An SNS event with `SqsSubscription` is polled from a queue in batches (BatchSize, default 10).
    const types = Object.values(obj(props.Events) ?? {}).map((ev) =>
      obj(obj(ev)?.Properties)?.SqsSubscription ? 'SQS' : obj(ev)?.Type,
    );
    const single =
      !mapped.has(id) && types.length > 0 && types.every((t) => typeof t === 'string' && !SAM_POLLED.has(t));
    if (oneRecord ? !single : !wired) continue;
    const h = joinHandler(props.CodeUri ?? globals.CodeUri, props.Handler ?? globals.Handler);
    if (h !== undefined) out.push(h);
  }
  return out;
}
