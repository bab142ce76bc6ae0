// iac-missing-dlq for a stream read through a bare event source mapping in CDK: `new CfnEventSourceMapping(
// scope, id, { eventSourceArn: table.tableStreamArn, startingPosition, ... })` (L1) or `new
// EventSourceMapping(scope, id, { target, eventSourceArn, startingPosition })` (L2). A starting position
// is what marks a stream (Kinesis, DynamoDB Streams, Kafka): an SQS mapping takes none. Without an
// on-failure destination a batch that keeps failing is dropped once its retries or its age run out, and
// nothing records which records were skipped.
import { type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/**
 * Reports a stream mapping built with `kind` (its constructor's name) that has no on-failure destination.
 * @example
 * streamMappingWithoutOnFailure(ctx, node, 'CfnEventSourceMapping', report) // { startingPosition: 'LATEST' } -> reported
 */
export function streamMappingWithoutOnFailure(
  ctx: ModuleContext,
  node: Node,
  kind: string,
  report: Report,
): void {
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
  if (props === undefined || props.spread || !props.props.has('startingPosition')) return;
  const onFailure =
    kind === 'CfnEventSourceMapping'
      ? objectProps(ctx.valueOf(props.props.get('destinationConfig')))?.props.get('onFailure')
      : props.props.get('onFailure');
  const destination = kind === 'CfnEventSourceMapping' ? props.props.get('destinationConfig') : onFailure;
  // A destination config built elsewhere (`destinationConfig: failureDestination`) is given the benefit.
  if (
    onFailure !== undefined ||
    (destination !== undefined && objectProps(ctx.valueOf(destination)) === undefined)
  )
    return;
  report(
    'iac-missing-dlq',
    node,
    `${kind} on a stream without an on-failure destination: a batch that keeps failing is skipped once its retries run out, with no record of what was lost`,
  );
}
