// Does an SST v2 stack hand its EventBus on to other stacks? SST stacks share constructs by returning them
// from the stack function (`return { eventBus }`, read elsewhere through `use(EventBusStack)`) or
// publishing them as stack outputs (`stack.addOutputs({ EventBusName: eventBus.eventBusName })`); other
// stacks then put their own consumers on the bus, so its targets here are not all it delivers to (as for a
// CDK bus that leaves its module, cdkBuses.ts `leavesModule`).
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { leavesModule } from './cdkBuses.js';

/** Is the value the bus itself or one of its fields (`eventBus`, `eventBus.eventBusName`)? */
function namesBus(value: Node | undefined, name: string): boolean {
  const v = unwrap(value);
  if (v?.type === 'Identifier') return v.name === name;
  return v?.type === 'MemberExpression' && memberPath(v)?.[0] === name;
}

/**
 * Is the bus kept in `name` returned from the stack function or published as a stack output?
 * @example
 * sstBusShared(ctx, 'eventBus') // `return { eventBus };`                                   -> true
 * sstBusShared(ctx, 'eventBus') // `stack.addOutputs({ BusName: eventBus.eventBusName });` -> true
 */
export function sstBusShared(ctx: ModuleContext, name: string): boolean {
  if (leavesModule(ctx, name)) return true;
  for (const p of ctx.of('Property')) {
    if (!namesBus(p.value as Node, name)) continue;
    let object = ctx.parentOf(p);
    // `return { eventBus }`, also inside a nested object (`return { buses: { eventBus } }`).
    while (object?.type === 'ObjectExpression' && ctx.parentOf(object)?.type === 'Property')
      object = ctx.parentOf(ctx.parentOf(object) as Node);
    const holder = object === undefined ? undefined : ctx.parentOf(object);
    if (holder?.type === 'ReturnStatement') return true;
    if (
      holder?.type === 'CallExpression' &&
      holder.callee?.type === 'MemberExpression' &&
      propertyName(holder.callee.property as Node, false) === 'addOutputs'
    )
      return true;
  }
  return false;
}
