// The function's own `fn.addEventSourceMapping(id, options)` in CDK: one of the forms a Lambda event source
// mapping takes, read by the batch-size note (cdkBatchOne.ts), the concurrency cap (cdkMappingConcurrency.ts)
// and the stream on-failure check (cdkEventSourceMappings.ts). Each judges the options its own way; the
// search for the call is the same for all three, so it lives here once.
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** One `fn.addEventSourceMapping(id, options)` call. */
export interface AddedMapping {
  /** The call itself, where a finding is reported. */
  readonly call: Node;
  /** The expression the method is called on: the function the mapping feeds (`fn`). */
  readonly fn: Node;
  /** The second argument as written (an object, or a name for one); undefined when missing. */
  readonly options: Node | undefined;
}

/**
 * Every `fn.addEventSourceMapping(id, options)` call in the module, in source order; none when the module
 * does not spell the method.
 * @example
 * addedMappings(ctx) // `worker.addEventSourceMapping('M', { eventSourceArn })` -> [{ call, fn: worker, options }]
 */
export function addedMappings(ctx: ModuleContext): AddedMapping[] {
  if (!ctx.spells('addEventSourceMapping')) return [];
  const found: AddedMapping[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'MemberExpression' || memberPath(callee)?.at(-1) !== 'addEventSourceMapping')
      continue;
    found.push({ call, fn: callee.object as Node, options: (call.arguments as Node[])[1] });
  }
  return found;
}
