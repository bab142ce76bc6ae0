// The function a CDK event source is added to. Written inline (`fn.addEventSource(new SqsEventSource(q,
// { batchSize: 1 }))`) or, as often, held in a local first (`const source = new SqsEventSource(q, {
// batchSize: 1 }); fn.addEventSource(source)`). Without the second form the source joins no handler: its
// batch size never settles the handler's finding and its own finding cannot merge into the handler's.
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { aliasedFunction } from './cdkAliases.js';

/** The `fn` of `fn.addEventSource(arg)` when `call` is such a call (`super.addEventSource` too). */
function addedTo(call: Node | undefined): Node | undefined {
  // `super.addEventSource(...)` too: the callee's object may be `super`, which has no member path.
  const callee = call?.type === 'CallExpression' ? unwrap(call.callee) : undefined;
  return callee?.type === 'MemberExpression' &&
    propertyName(callee.property as Node, callee.computed as boolean) === 'addEventSource'
    ? (callee.object as Node)
    : undefined;
}

/**
 * The function expression an event source construct `node` (`new SqsEventSource(...)`) is added to, inline
 * or through the one local that holds it; undefined when it is added nowhere in the module, or to several.
 * @example
 * eventSourceTarget(ctx, sourceNode) // the `worker` of `const s = new SqsEventSource(q); worker.addEventSource(s)`
 */
export function eventSourceTarget(ctx: ModuleContext, node: Node): Node | undefined {
  const target = addedTarget(ctx, node);
  // Added to an alias or version of the function (`live.addEventSource(...)`): the function's own settings
  // (reserved concurrency) and handler are the ones the source feeds (cdkAliases.ts).
  return target === undefined ? undefined : (aliasedFunction(ctx, target) ?? target);
}

function addedTarget(ctx: ModuleContext, node: Node): Node | undefined {
  const parent = ctx.parentOf(node);
  const inline = addedTo(parent);
  if (inline !== undefined) return inline;
  const id = parent?.type === 'VariableDeclarator' ? (parent.id as Node) : undefined;
  if (id?.type !== 'Identifier') return undefined;
  const targets = ctx.of('CallExpression').filter((call) => {
    const arg = unwrap((call.arguments as Node[])[0]);
    return (
      arg?.type === 'Identifier' &&
      arg.name === id.name &&
      addedTo(call) !== undefined &&
      ctx.valueOf(arg) === node
    );
  });
  return targets.length === 1 ? addedTo(targets[0]) : undefined;
}
