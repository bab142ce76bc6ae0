// A client whose every send carries an abort signal (`client.send(cmd, { abortSignal: signal })`, as inside
// `dependency.execute(({ signal }) => ...)`) has its requests bounded by whoever owns the signal.
import { type Node, objectProps, propertyName, unwrap } from './ast.js';
import { heldIn } from './heldIn.js';
import type { ModuleContext } from './ModuleContext.js';

/** True when the client built by `created` is held in a const and every `.send(...)` on it passes `abortSignal`. */
export function boundedBySignal(ctx: ModuleContext, created: Node): boolean {
  const parent = heldIn(ctx, created);
  if (parent === undefined) return false;
  const name = parent.id.name as string;
  let sends = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (
      callee?.type !== 'MemberExpression' ||
      propertyName(callee.property as Node, callee.computed) !== 'send'
    )
      continue;
    const object = unwrap(callee.object as Node);
    if (object?.type !== 'Identifier' || object.name !== name) continue;
    if (ctx.resolve(name, object)?.declaration !== parent) continue;
    const options = objectProps(ctx.valueOf(call.arguments[1] as Node | undefined));
    if (options === undefined || !options.props.has('abortSignal')) return false;
    sends++;
  }
  return sends > 0;
}
