// A step of the handler's promise chain that starts its own chain and neither returns nor awaits it:
// `.then(impl.sendMessage)` where `sendMessage` ends with a bare `transporter.sendMail(...).then(...)`.
// A `.then` callback's result is what the chain waits for (Promises/A+: a returned thenable is adopted;
// undefined is not), so the next step, often the handler's answer, runs at once and the step's failure
// never reaches the chain's `.catch`. This holds for a callback-era handler too: its answer goes out with
// the work unfinished and the failure cut off from it.
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** How `.then(...)` arguments may name the function: `step` or `impl.step`. */
function namesOf(ctx: ModuleContext, fn: Node): string[] {
  const parent = ctx.parentOf(fn);
  if (fn.type === 'FunctionDeclaration' && fn.id?.name) return [fn.id.name as string];
  if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
    return [parent.id.name as string];
  if (parent?.type !== 'Property' || parent.key?.type !== 'Identifier') return [];
  const object = ctx.parentOf(parent);
  const holder = object === undefined ? undefined : ctx.parentOf(object);
  if (holder?.type !== 'VariableDeclarator' || holder.id?.type !== 'Identifier') return [];
  return [`${holder.id.name as string}.${parent.key.name as string}`];
}

/**
 * The statement is the last of a plain (not async) function that the handler's path hands to `.then(...)`
 * by reference, so its dropped chain is a step the handler's chain meant to wait for.
 */
export function droppedChainStep(ctx: ModuleContext, stmt: Node): boolean {
  const fn = ctx.enclosingFunction(stmt);
  if (fn === undefined || fn.async === true || fn.body?.type !== 'BlockStatement') return false;
  const body = fn.body.body as Node[];
  if (body[body.length - 1] !== stmt || ctx.parentOf(stmt) !== fn.body) return false;
  const names = namesOf(ctx, fn);
  if (names.length === 0) return false;
  return ctx.of('CallExpression').some((call) => {
    if (calleeName(call) !== 'then' || ctx.handlerKindAt(call) === undefined) return false;
    const step = unwrap((call.arguments as Node[])[0]);
    if (step === undefined || isFunction(step)) return false;
    const path = memberPath(step)?.join('.');
    return path !== undefined && names.includes(path);
  });
}
