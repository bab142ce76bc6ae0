// A CDK event source of batch size 1 settles its handler's batch-no-partial-failure finding (one record a
// call: throwing fails exactly that record). The size is written in several places CDK offers, and each
// must reach the handler, or the handler is reported for a batch it never gets:
//   new SqsEventSource(queue, { batchSize: 1 })                           (cdk.ts)
//   new EventSourceMapping(this, id, { target: fn, batchSize: 1, ... })   L2 mapping
//   fn.addEventSourceMapping(id, { eventSourceArn, batchSize: 1 })        the function's own method
//   new CfnEventSourceMapping(this, id, { functionName: fn.functionName, batchSize: 1, ... })   L1
// and the size may be a module constant (`const BATCH_SIZE = 1`) or a field of the module's settings
// object read by destructuring (`const { lambdaBatchSize } = settings()`).
import { type Node, numberValue, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { addedMappings } from './cdkAddedMappings.js';
import { referencedFunction } from './cdkEnvHanded.js';
import { handlerLink } from './cdkHandlers.js';
import { settingOf } from './cdkSourceOptions.js';

/** The batch size written in `node`, through a module constant or the module's settings object too. */
export function batchSizeOf(ctx: ModuleContext, node: Node | undefined): number | undefined {
  return numberValue(node) ?? numberValue(ctx.valueOf(node)) ?? numberValue(settingOf(ctx, node));
}

function note(ctx: ModuleContext, fnExpr: Node | undefined): void {
  const link = handlerLink(ctx, fnExpr, 'no-record-work');
  if (link !== undefined) for (const stem of link.stems) ctx.batchOneHandlers.push(`${stem}.${link.export}`);
}

/** Notes the handler of a CDK mapping construct (`EventSourceMapping`, `CfnEventSourceMapping`) of size 1. */
export function noteMappingBatchOne(ctx: ModuleContext, node: Node, kind: string): void {
  const props = objectProps(ctx.valueOf((node.arguments as Node[])[2]));
  if (props === undefined || batchSizeOf(ctx, props.props.get('batchSize')) !== 1) return;
  if (kind === 'EventSourceMapping') note(ctx, props.props.get('target'));
  else if (kind === 'CfnEventSourceMapping')
    note(ctx, referencedFunction(ctx, props.props.get('functionName')));
}

/** Notes the handler of every `fn.addEventSourceMapping(id, { batchSize: 1, ... })` in the module. */
export function noteAddedMappingsBatchOne(ctx: ModuleContext): void {
  for (const { fn, options } of addedMappings(ctx)) {
    const props = objectProps(ctx.valueOf(options));
    if (batchSizeOf(ctx, props?.props.get('batchSize')) === 1) note(ctx, fn);
  }
}
