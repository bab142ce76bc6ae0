// A client a same-module factory builds and hands back (`const getWebhook = async () => new
// IncomingWebhook(url)`, then `const hook = await getWebhook(); await hook.send(msg)`): the caller holds the
// object the factory returns, so the construction the rule judges is the one inside the factory. Followed
// one layer only, and only when the factory returns one value: a factory choosing between clients, or
// one that hands out another factory's answer, is left to the benefit of the doubt.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { returnedValues } from './sdkOptions.js';

/**
 * The value `value` stands for once a call of a module-local factory (awaited or not) is replaced by what
 * that factory returns; `value` itself when it is no such call.
 *
 * @example
 * factoryBuilt(ctx, hookId) // the `new IncomingWebhook(url)` of `const getWebhook = async () => new IncomingWebhook(url)` for `hook` in `const hook = await getWebhook()`
 */
export function factoryBuilt(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  let built = unwrap(ctx.valueOf(value));
  if (built?.type === 'AwaitExpression') built = unwrap(built.argument as Node);
  if (built?.type !== 'CallExpression') return unwrap(ctx.valueOf(value));
  const factory = ctx.functionOf(built.callee as Node);
  const returned = factory === undefined ? undefined : returnedValues(factory);
  if (returned?.length !== 1) return unwrap(ctx.valueOf(value));
  let answer = unwrap(ctx.valueOf(returned[0]));
  // An async factory may write `return await build()`; the caller's own `await` covers either.
  if (answer?.type === 'AwaitExpression') answer = unwrap(answer.argument as Node);
  return answer;
}
