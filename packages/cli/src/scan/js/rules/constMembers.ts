// A field of a module settings object: `defaultLambdaSettings.timeout` where the module declares
// `const defaultLambdaSettings = { timeout: Duration.seconds(30), logRetention: 30 }`. Shared settings
// objects are how projects give every function one value; the value is what the function runs with.
import { type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The value a member read of a module const object literal stands for (one level: `settings.timeout`);
 * undefined for anything else (a parameter, a spread object, a computed key, a field it does not write).
 * @example
 * constMember(ctx, node) // the `Duration.seconds(30)` of `defaultLambdaSettings.timeout`
 */
export function constMember(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const m = unwrap(node);
  if (m?.type !== 'MemberExpression' || m.computed === true) return undefined;
  const holder = unwrap(m.object as Node);
  if (holder?.type !== 'Identifier' || ctx.resolve(holder.name as string, holder)?.kind !== 'const')
    return undefined;
  const props = objectProps(ctx.valueOf(holder));
  const key = propertyName(m.property as Node, false);
  if (props === undefined || props.spread || key === undefined) return undefined;
  return props.props.get(key);
}
