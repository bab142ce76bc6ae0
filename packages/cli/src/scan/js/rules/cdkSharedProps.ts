// iac-gateway-timeout-exceeds-lambda through shared function props kept in another module: projects write
// their defaults once (`export const commonProps: NodejsFunctionProps = { timeout: Duration.seconds(60) }`,
// or `export default { defaultNodeRuntimeOptions }`) and spread them into each function (`new
// NodejsFunction(this, id, { ...commonProps, entry })`). The module building the function cannot read the
// timeout; the module holding it cannot see the route. The route records the imported object it spreads
// (a FieldRoute with an empty field); the owner raises a candidate at its timeout, kept by the project pass
// only where a route spreads that export into a function behind an API whose integration waits less.
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from '../../iac/gatewayLimit.js';
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { timeoutIn } from './cdkConstructDefaults.js';
import type { Report } from './Report.js';

/** True when the props object itself writes a `timeout`, readable or not: a spread's one is overridden. */
function writesTimeout(props: Node): boolean {
  return (props.properties as Node[]).some(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'timeout',
  );
}

/**
 * For a routed function construct whose own props set no timeout: records each project import they spread
 * (`...commonProps`, `...Defaults.lambdaProps`) as a route of that export.
 * @example
 * noteSpreadRoutes(ctx, construct, 29) // `{ ...commonProps, entry }` -> route of ./defaults#commonProps
 */
export function noteSpreadRoutes(ctx: ModuleContext, construct: Node, limit: number): void {
  const props = ctx.valueOf((construct.arguments as Node[] | undefined)?.[2]);
  if (props?.type !== 'ObjectExpression' || writesTimeout(props)) return;
  for (const p of props.properties as Node[]) {
    if (p.type !== 'SpreadElement') continue;
    const owner = importRefOf(ctx, unwrap(p.argument as Node) as Node);
    if (owner?.source.startsWith('.')) ctx.fieldRoutes.push({ owner, field: '', limit });
  }
}

/**
 * An exported object of function props, by the names a spread may import it as (`export default {
 * lambdaProps }` lists `lambdaProps` among the exports too: exportDiscovery.ts).
 */
function exportedObjects(ctx: ModuleContext): [string, Node][] {
  const out: [string, Node][] = [];
  for (const [name, value] of ctx.exports) {
    const v = ctx.valueOf(value);
    if (v?.type === 'ObjectExpression') out.push([name, v]);
  }
  return out;
}

/** Reports each exported props object's timeout above 29 s, kept where a routed function spreads it. */
export function sharedPropsTimeouts(ctx: ModuleContext, report: Report): void {
  if (ctx.exports.size === 0 || !ctx.spells('timeout')) return;
  // One candidate per timeout, under every name that reaches it (`default` and its `lambdaProps`).
  const byNode = new Map<Node, { seconds: number; names: string[] }>();
  for (const [name, object] of exportedObjects(ctx)) {
    const timeout = timeoutIn(ctx, object);
    if (timeout === undefined || !outlivesGateway(timeout.seconds, SHORTEST_GATEWAY_LIMIT)) continue;
    const entry = byNode.get(timeout.node) ?? { seconds: timeout.seconds, names: [] };
    entry.names.push(name);
    byNode.set(timeout.node, entry);
  }
  for (const [node, { seconds, names }] of byNode)
    report(
      'iac-gateway-timeout-exceeds-lambda',
      node,
      `shared function props ${names.join(' / ')} set timeout ${seconds}s, spread into a function behind API Gateway whose integration gives up sooner: clients get 504 while it keeps running`,
      { onlyIfFieldRouted: { exports: names, field: '', seconds } },
    );
}
