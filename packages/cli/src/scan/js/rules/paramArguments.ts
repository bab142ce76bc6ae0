// Where a helper's parameter gets its value: the arguments the module's own calls hand it. A consumer that
// mints an id once (`const publishId = uuidv4()`) and hands it to a helper that sends it on (`?publishId=`)
// or writes it as a key has made the key per attempt, whichever function puts it on the wire.
import { type Node, unwrap } from '../ast.js';
import { callsReaching } from '../callIndex.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The module's calls of `fn` by a plain name (`send(a)`), not as a member (`obj.send(a)`). */
function callsOf(ctx: ModuleContext, fn: Node): Node[] {
  return callsReaching(ctx, fn).filter((call) => unwrap(call.callee as Node)?.type === 'Identifier');
}

/**
 * The arguments the module's calls of `fn` pass at parameter `index` (`sendEvent(v, 'ORDERS', id)`),
 * where `fn` is named in the module (a function declaration or a const holding one).
 */
function argumentsAt(ctx: ModuleContext, fn: Node, index: number): Node[] {
  const args: Node[] = [];
  for (const call of callsOf(ctx, fn)) {
    const arg = (call.arguments as Node[])[index];
    if (arg !== undefined && arg.type !== 'SpreadElement') args.push(arg);
  }
  return args;
}

/**
 * The values that reach parameter `id` through the module's calls, followed through parameters of the
 * calling helpers `depth` more times (`notifyOrders(..., id)` calling `sendEvent(..., id)`). A name
 * that is no plain parameter (destructured, defaulted, rest) answers nothing: its value is not one
 * argument.
 */
export function argumentValues(ctx: ModuleContext, id: Node, depth = 2): Node[] {
  const binding = ctx.resolve(id.name as string, id);
  if (binding?.kind !== 'param' || binding.declaration.type !== 'Identifier') return [];
  const fn = binding.scope;
  const index = (fn.params as Node[]).indexOf(binding.declaration);
  if (index < 0) return [];
  const values: Node[] = [];
  for (const arg of argumentsAt(ctx, fn, index)) {
    const v = unwrap(arg);
    if (v?.type === 'Identifier' && depth > 0 && ctx.resolve(v.name as string, v)?.kind === 'param')
      values.push(...argumentValues(ctx, v, depth - 1));
    else if (v !== undefined) values.push(v);
  }
  return values;
}
