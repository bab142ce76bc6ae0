// A client a same-module factory builds and hands back (`const getWebhook = async () => new
// IncomingWebhook(url)`, then `const hook = await getWebhook(); await hook.send(msg)`, or the class's own `this.createClient()`): the caller holds the
// object the factory returns, so the construction the rule judges is the one inside the factory. Followed
// one layer only, and only when the factory returns one value: a factory choosing between clients, or
// one that hands out another factory's answer, is left to the benefit of the doubt.
import { type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { methodOf } from './memberClass.js';
import { returnedValues } from './returnedValues.js';

/** `this.createClient()`: a method of the class the call sits in (the class's own client factory). */
function ownClassMethod(ctx: ModuleContext, callee: Node): Node | undefined {
  if (callee.type !== 'MemberExpression' || unwrap(callee.object as Node)?.type !== 'ThisExpression')
    return undefined;
  const name = propertyName(callee.property as Node, callee.computed as boolean);
  for (let p = ctx.parentOf(callee); p !== undefined; p = ctx.parentOf(p))
    if (p.type === 'ClassDeclaration' || p.type === 'ClassExpression')
      return name === undefined ? undefined : methodOf(p, name);
  return undefined;
}

/**
 * The one value a call of a module-local helper (`initialiseClient()`) or of the class's own method
 * (`this.createClient()`) returns; none when the helper returns several values or is not of this module.
 *
 * @example
 * helperReturned(ctx, call) // the `google.sheets({ version: 'v4', auth })` that `const c = await initialiseClient()` holds
 */
export function helperReturned(ctx: ModuleContext, call: Node): Node | undefined {
  const callee = unwrap(call.callee as Node);
  const helper = callee === undefined ? undefined : (ctx.functionOf(callee) ?? ownClassMethod(ctx, callee));
  const returned = helper === undefined ? undefined : returnedValues(helper);
  return returned?.length === 1 ? returned[0] : undefined;
}

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
  const returned = helperReturned(ctx, built);
  if (returned === undefined) return unwrap(ctx.valueOf(value));
  let answer = unwrap(ctx.valueOf(returned));
  // An async factory may write `return await build()`; the caller's own `await` covers either.
  if (answer?.type === 'AwaitExpression') answer = unwrap(answer.argument as Node);
  return answer;
}
