// The queue a project factory of ANOTHER module builds and hands back: `const { jobsQueue } =
// createJobsQueue(this, stage)` with, in ../sqs/createJobsQueue.ts, `export default function
// createJobsQueue(stack, stage) { const jobsQueue = new sqs.Queue(stack, 'Jobs', { fifo: true }); ...;
// return { jobsQueue, deadLetterQueue }; }`. Stacks that keep each queue's setup in its own file read the
// queue's props only through the factory, so an event source on it would otherwise not know the queue is
// FIFO (cdkFifoSources.ts) and judge its consumer as if a backlog could fan out without bound.
import { type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedValues } from '../returnedValues.js';
import { returnedNew } from './cdkHelperProps.js';
import { helperModule, topFunction } from './cdkImportedHelpers.js';

/**
 * The one `new X(...)` a factory returns, whole (`key` undefined: cdkHelperProps' returnedNew) or as the
 * `key` of the one object it returns (`return { jobsQueue, dlq }`); undefined when it returns several
 * values or the key holds no construct.
 * @example
 * factoryReturnedNew(mod, helper, 'jobsQueue') // the `new sqs.Queue(...)` of `const jobsQueue = new sqs.Queue(...); return { jobsQueue }`
 */
export function factoryReturnedNew(mod: ModuleContext, helper: Node, key?: string): Node | undefined {
  if (key === undefined) return returnedNew(mod, helper);
  const values = returnedValues(helper);
  if (values?.length !== 1) return undefined;
  const value = mod.valueOf(unwrap(values[0]));
  const props = value?.type === 'ObjectExpression' ? objectProps(value) : undefined;
  const built = props === undefined ? undefined : mod.valueOf(unwrap(props.props.get(key)));
  return built?.type === 'NewExpression' ? built : undefined;
}

/** The key of `pattern` (`{ jobsQueue }`, `{ queue: jobs }`) that binds the local `name`. */
function patternKey(pattern: Node, name: string): string | undefined {
  for (const prop of (pattern.properties as Node[] | undefined) ?? []) {
    if (prop.type !== 'Property') continue;
    const value = unwrap(prop.value as Node);
    const local = value?.type === 'AssignmentPattern' ? (value.left as Node) : value;
    if (local?.type === 'Identifier' && local.name === name)
      return propertyName(prop.key as Node, prop.computed as boolean);
  }
  return undefined;
}

/**
 * The construct a local holds when it was handed back by a factory imported from a relative module
 * (`const q = createQueue(this)` or `const { q } = createQueue(this)`), with the factory's module to
 * read its props in; undefined for anything else.
 * @example
 * factoryConstruct(ctx, tryonQueueId) // { mod: <context of ../SQS/createTryonQueue.ts>, built: new sqs.Queue(...) }
 */
export function factoryConstruct(
  ctx: ModuleContext,
  expr: Node | undefined,
): { mod: ModuleContext; built: Node } | undefined {
  const id = unwrap(expr);
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  const decl = binding?.kind === 'const' ? binding.declaration : undefined;
  const call = decl?.type === 'VariableDeclarator' ? unwrap(decl.init as Node) : undefined;
  const callee = call?.type === 'CallExpression' ? unwrap(call.callee as Node) : undefined;
  if (decl === undefined || callee?.type !== 'Identifier') return undefined;
  const pattern = decl.id as Node;
  const key = pattern.type === 'ObjectPattern' ? patternKey(pattern, id.name as string) : undefined;
  if (pattern.type === 'ObjectPattern' && key === undefined) return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || !imp.source.startsWith('.')) return undefined;
  const mod = helperModule(ctx.file, imp.source, /\bQueue\b/);
  const helper = mod === undefined ? undefined : topFunction(mod, imp.imported);
  const built = mod === undefined || helper === undefined ? undefined : factoryReturnedNew(mod, helper, key);
  return mod === undefined || built === undefined ? undefined : { mod, built };
}
