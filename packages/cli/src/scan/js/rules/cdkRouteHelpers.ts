// iac-gateway-timeout-exceeds-lambda through a route helper function: stacks write their function defaults
// once and hand them to a plain function that builds and routes each function (`addRoute(this, api, {
// lambdaDefaults, path, entry })` spreading `...lambdaDefaults` into `new NodejsFunction(...)` behind an
// `HttpLambdaIntegration`). The helper notes the option it spreads as routed (cdkPropsSpread.ts, the export
// fact `apiRoutes`); each call that hands it an object with a timeout is judged here like a construct's
// props: at once for a helper of this module, through the project pass for an imported one.
import { type Node, objectProps, unwrap } from '../ast.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { handedPropsBuilt } from './cdkPropsSpread.js';

/**
 * Notes the timeouts each call of a route helper hands it in an object argument (`{ lambdaDefaults }`),
 * flushed by `flushHandedProps`.
 * @example
 * routeHelperCalls(ctx) // `addRoute(this, api, { lambdaDefaults })` -> lambdaDefaults' timeout, if addRoute routes it
 */
export function routeHelperCalls(ctx: ModuleContext): void {
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'Identifier') continue;
    const binding = ctx.resolve(callee.name as string, callee);
    const helper =
      binding?.kind === 'function'
        ? binding.declaration
        : binding?.kind === 'const'
          ? unwrap(binding.init)
          : undefined;
    const local = helper === undefined ? undefined : ctx.apiRouteProps.get(helper);
    const ref = local === undefined && binding?.kind === 'import' ? importRefOf(ctx, callee) : undefined;
    if (local === undefined && (ref === undefined || !mayBeProjectSource(ref.source))) continue;
    for (const arg of call.arguments as Node[])
      for (const [key, value] of objectProps(ctx.valueOf(arg))?.props ?? [])
        handedPropsBuilt(ctx, call, {
          key,
          value,
          ref,
          limit: local?.[`...${key}`],
          local: local !== undefined,
        });
  }
}
