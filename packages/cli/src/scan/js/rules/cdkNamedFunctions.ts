// A CDK function handed to code by the name it is deployed under, written out as a string rather than read
// from the construct (`environment: { SELF_FUNCTION_NAME: 'orders-api' }` beside `functionName: 'orders-api'`).
// A function cannot read its own `functionName` into its environment (CloudFormation sees a circular
// reference), so a self-invoking API (`InvokeCommand({ FunctionName: SELF_FUNCTION_NAME, InvocationType:
// 'Event' })`) is wired this way; so is a sibling named by convention. The string names a function only when
// exactly one construct of the module is deployed under it, written as a literal: a name built at deploy time
// (`${stage}-api`) or shared by two constructs names nothing for certain.
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const cache = new WeakMap<ModuleContext, ReadonlyMap<string, Node | null>>();

/** Each literal `functionName` of a `new ...Function(scope, id, props)` of the module (null when two share it). */
function namedConstructs(ctx: ModuleContext): ReadonlyMap<string, Node | null> {
  const known = cache.get(ctx);
  if (known !== undefined) return known;
  const out = new Map<string, Node | null>();
  for (const fn of ctx.of('NewExpression')) {
    if (!/Function$/.test(memberPath(fn.callee)?.at(-1) ?? '')) continue;
    const props = objectProps(ctx.valueOf((fn.arguments as Node[])[2]))?.props;
    const name = stringValue(unwrap(ctx.valueOf(props?.get('functionName'))));
    if (name === undefined || name.includes('${')) continue;
    out.set(name, out.has(name) ? null : fn);
  }
  cache.set(ctx, out);
  return out;
}

/**
 * The one function construct of the module deployed under the literal name a value spells.
 * @example
 * namedFunction(ctx, `'orders-api'`) // the `new NodejsFunction(this, 'Api', { functionName: 'orders-api' })`
 */
export function namedFunction(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  // The cheap word first: most modules name no function.
  if (!ctx.spells('functionName')) return undefined;
  const name = stringValue(unwrap(ctx.valueOf(value)));
  if (name === undefined || name.includes('${') || name === '') return undefined;
  return namedConstructs(ctx).get(name) ?? undefined;
}
