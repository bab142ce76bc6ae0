// Is the queue a CDK SqsEventSource polls a FIFO queue? Lambda runs one batch per message group of a FIFO
// queue at a time, so the consumer's concurrency is bounded by the groups its producers write
// (js/messageGroups.ts), judged in the project pass. A queue is FIFO when built with `fifo: true` or a
// `.fifo` name, or by a project class named for it (`new FifoQueue(this, 'CostRequest')`), here or in the
// project factory of another module that hands it back (cdkFactoryQueues.ts).
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { queueUrlEnvNames } from '../queueUrlEnv.js';
import { factoryConstruct } from './cdkFactoryQueues.js';
import { fieldBuilt } from './cdkHandlers.js';

/**
 * The `new X(...)` an expression stands for, with the module its props are read in: a name, a class field
 * the module assigns once, or what an imported factory returns.
 */
function builtQueue(
  ctx: ModuleContext,
  expr: Node | undefined,
): { mod: ModuleContext; built: Node } | undefined {
  const value = ctx.valueOf(unwrap(expr));
  if (value?.type === 'NewExpression') return { mod: ctx, built: value };
  const field = fieldBuilt(ctx, expr);
  return field !== undefined ? { mod: ctx, built: field } : factoryConstruct(ctx, expr);
}

/**
 * The extra a FIFO source's concurrency finding carries: dropped when the project's group ids are constants.
 * @example
 * fifoSource(ctx, queueArg) // `new Queue(this, 'Jobs', { fifo: true })` -> { onlyIfMessageGroupsVary: true }
 */
export function fifoSource(
  ctx: ModuleContext,
  queueExpr: Node | undefined,
): { readonly onlyIfMessageGroupsVary: true; readonly fifoQueueEnv?: readonly string[] } | undefined {
  const queue = builtQueue(ctx, queueExpr);
  if (queue === undefined) return undefined;
  const { mod, built } = queue;
  const kind = memberPath(built.callee as Node)?.at(-1) ?? '';
  const props = objectProps(mod.valueOf((built.arguments as Node[])[2]))?.props;
  const fifo = props?.get('fifo');
  const named = stringValue(mod.valueOf(props?.get('queueName')))?.endsWith('.fifo') === true;
  const flagged = unwrap(mod.valueOf(fifo) ?? fifo)?.value === true;
  if (!/Fifo/.test(kind) && !flagged && !named) return undefined;
  const env = queueUrlEnvNames(ctx, queueExpr);
  return { onlyIfMessageGroupsVary: true, ...(env.length > 0 ? { fifoQueueEnv: env } : {}) };
}
