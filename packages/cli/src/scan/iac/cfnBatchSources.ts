// The batch and stream event sources of a CloudFormation/SAM template (an `AWS::Lambda::EventSourceMapping`,
// a SAM function's `SQS`, `Kinesis` or `DynamoDB` event, an `SNS` event through `SqsSubscription`): partial
// batch failures, a stream's on-failure destination, and an SQS consumer's concurrency limit.
import { fifoSourceExtra } from './cfnFifoSources.js';
import { writesCap } from './concurrencyCaps.js';
import { floodImports } from './floodTargets.js';
import { batchLink, type IacReport, type Json, joinHandler, num, obj } from './IacResult.js';
import type { TemplateResource as Resource } from './queueUse.js';

/** The check of one event source: `r` is the mapping or function, `fn` the function it invokes. */
export type BatchSourceCheck = (
  r: Resource,
  path: (string | number)[],
  props: Record<string, Json>,
  sourceKind: 'sqs' | 'stream',
  fn: Resource | undefined,
) => void;

/** The event-source check of one template; batch-size-1 handlers are pushed onto `batchOneHandlers`. */
export function batchSourceChecker(
  report: IacReport,
  globals: Record<string, Json>,
  byId: ReadonlyMap<string, Resource>,
  batchOneHandlers: string[],
): BatchSourceCheck {
  const reserves = (r: Resource | undefined): boolean =>
    r !== undefined &&
    (r.props.ReservedConcurrentExecutions !== undefined ||
      globals.ReservedConcurrentExecutions !== undefined);

  return (r, path, props, sourceKind, fn) => {
    const batchSize = num(props.BatchSize);
    const types = (props.FunctionResponseTypes ?? []) as unknown[];
    const h =
      fn === undefined
        ? undefined
        : joinHandler(fn.props.CodeUri ?? globals.CodeUri, fn.props.Handler ?? globals.Handler);
    if (batchSize === 1 && h) batchOneHandlers.push(h);
    const unsplit = sourceKind === 'stream' && props.BisectBatchOnFunctionError !== true;
    if (!(Array.isArray(types) && types.includes('ReportBatchItemFailures')) && batchSize !== 1)
      report(
        'batch-no-partial-failure',
        path,
        `${sourceKind === 'sqs' ? 'SQS' : 'stream'} event source of ${fn?.id ?? r.id} has no FunctionResponseTypes: [ReportBatchItemFailures]${unsplit ? ' or BisectBatchOnFunctionError' : ''}: one failed record fails the whole batch`,
        batchLink(h, sourceKind === 'sqs' ? 'queue' : unsplit ? 'unsplit' : 'bisects'),
      );
    if (sourceKind === 'stream' && obj(obj(props.DestinationConfig)?.OnFailure) === undefined)
      report(
        'iac-missing-dlq',
        path,
        `stream event source of ${fn?.id ?? r.id} has no DestinationConfig.OnFailure: failed records are retried until they expire`,
      );
    if (sourceKind !== 'sqs' || writesCap(obj(props.ScalingConfig)?.MaximumConcurrency) || reserves(fn))
      return;
    // Only tables imported from other stacks behind it: their templates decide (scan.ts).
    const imports = floodImports(fn, byId, globals);
    if (imports?.length !== 0)
      report(
        'iac-no-reserved-concurrency',
        path,
        `SQS event source of ${fn?.id ?? r.id} has no ScalingConfig.MaximumConcurrency and the function reserves no concurrency`,
        // A FIFO queue's consumer is bounded by its producers' message groups when they are few.
        {
          ...(imports !== undefined ? { onDemandImports: imports } : {}),
          ...fifoSourceExtra(props, byId, globals),
        },
      );
  };
}

/**
 * A SAM SNS event with `SqsSubscription` puts a queue between topic and function, which polls it: not an
 * asynchronous invocation. `true` makes SAM create that queue, with no RedrivePolicy; an object names a
 * queue of the template, judged as its own resource. Its `BatchSize` (default 10) is the poll's.
 */
export function snsQueueChecker(
  report: IacReport,
  globals: Record<string, Json>,
  batchOneHandlers: string[],
): (r: Resource, name: string, props: Record<string, Json>, path: (string | number)[]) => void {
  return (r, name, props, path) => {
    const sub = obj(props.SqsSubscription);
    const h = joinHandler(r.props.CodeUri ?? globals.CodeUri, r.props.Handler ?? globals.Handler);
    if (num(sub?.BatchSize) === 1 && h) batchOneHandlers.push(h);
    if (sub === undefined)
      report(
        'iac-missing-dlq',
        path,
        `${r.id}'s SNS event ${name} subscribes through a queue SAM creates with no RedrivePolicy: a poison message is retried until retention deletes it`,
      );
  };
}
