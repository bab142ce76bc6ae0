// iac-gateway-timeout-exceeds-lambda for SST v2's function defaults: `app.setDefaultFunctionProps({ timeout })`
// in sst.config.ts sets the timeout of every function of the stacks added after it (`app.stack(ApiStack)`),
// and `stack.setDefaultFunctionProps(...)` that of its own stack. A route function of an SST API (`Api`, an
// HTTP API, 30 s; `ApiGatewayV1Api` and `WebSocketApi`, 29 s) that sets no timeout, under an API without
// `defaults.function.timeout`, runs with it. The finding is at that default, the value the fix changes. A
// stack's own default is judged in its module; the app's where it is set, kept by the project pass when a
// stack added after it builds such an API and sets no timeout default of its own (ExportFact.sstApi).
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from '../../iac/gatewayLimit.js';
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { LIMITS, routesInherit, sstSeconds } from './sstApiTimeouts.js';

function propsOf(ctx: ModuleContext, node: Node | undefined) {
  return node === undefined ? undefined : objectProps(ctx.valueOf(node) ?? unwrap(node));
}

function within(outer: Node, inner: Node): boolean {
  return (outer.start as number) <= (inner.start as number) && (inner.end as number) <= (outer.end as number);
}

/** `x.setDefaultFunctionProps({ ... })` calls inside `scope` (the whole module when undefined). */
function defaultCalls(ctx: ModuleContext, scope?: Node): Node[] {
  return ctx
    .of('CallExpression')
    .filter(
      (c) =>
        memberPath(unwrap(c.callee as Node))?.at(-1) === 'setDefaultFunctionProps' &&
        (scope === undefined || within(scope, c)),
    );
}

/** Whether a defaults call may set the timeout: it writes one, or passes props the scan cannot read. */
function setsTimeout(ctx: ModuleContext, call: Node): boolean {
  const props = propsOf(ctx, (call.arguments as Node[])[0]);
  return props === undefined || props.spread || props.props.has('timeout');
}

/**
 * The shortest integration limit of the SST APIs a stack function builds whose route functions take the
 * app's or stack's function defaults; undefined when it builds none.
 * @example
 * inheritingApiLimit(ctx, stackFn) // 29 for a stack building `new WebSocketApi(stack, 'Ws', { routes })`
 */
export function inheritingApiLimit(ctx: ModuleContext, fn: Node): number | undefined {
  let limit: number | undefined;
  for (const node of ctx.of('NewExpression')) {
    if (!within(fn, node)) continue;
    const imp = ctx.importRoot(node.callee);
    const own = imp?.source === 'sst/constructs' ? LIMITS.get(imp.imported ?? '') : undefined;
    if (own === undefined || !routesInherit(ctx, (node.arguments as Node[])[2])) continue;
    limit = Math.min(limit ?? own, own);
  }
  return limit;
}

/**
 * For an exported stack function: the limit of the APIs it builds whose routes take the app's defaults,
 * unless the stack sets a timeout default of its own (then judged in its module).
 * @example
 * sstStackApiLimit(ctx, stackFn) // 30 for `export function ApiStack({ stack }) { new Api(stack, 'api', { routes }) }`
 */
export function sstStackApiLimit(ctx: ModuleContext, fn: Node): number | undefined {
  if (!ctx.spells('sst/constructs')) return undefined;
  if (defaultCalls(ctx, fn).some((c) => setsTimeout(ctx, c))) return undefined;
  return inheritingApiLimit(ctx, fn);
}

/** The stacks added after `call` in its function (`app.stack(ApiStack)`): imported ones and local ones. */
function addedStacks(ctx: ModuleContext, call: Node): { refs: ImportRef[]; local: Node[] } {
  const scope = ctx.enclosingFunction(call);
  const refs: ImportRef[] = [];
  const local: Node[] = [];
  for (const c of ctx.of('CallExpression')) {
    const callee = unwrap(c.callee as Node);
    if (callee?.type !== 'MemberExpression' || propertyName(callee.property as Node, false) !== 'stack')
      continue;
    if ((c.start as number) < (call.end as number) || (scope !== undefined && !within(scope, c))) continue;
    const arg = unwrap((c.arguments as Node[])[0]);
    if (arg?.type !== 'Identifier') continue;
    const imp = ctx.importOf(arg.name as string, arg);
    if (imp !== undefined) refs.push({ from: ctx.file, source: imp.source, name: imp.imported });
    else {
      const fn = ctx.functionOf(arg);
      if (fn !== undefined) local.push(fn);
    }
  }
  return { refs, local };
}

/**
 * Reports an SST v2 function-defaults timeout that API routes inherit past their integration limit.
 * @example
 * sstFunctionDefaultRules(ctx, report) // at `60` in `app.setDefaultFunctionProps({ timeout: 60 }); app.stack(ApiStack)`
 */
export const sstFunctionDefaultRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('setDefaultFunctionProps')) return;
  for (const call of defaultCalls(ctx)) {
    const timeout = propsOf(ctx, (call.arguments as Node[])[0])?.props.get('timeout');
    const seconds = sstSeconds(ctx, timeout);
    if (timeout === undefined || seconds === undefined || !outlivesGateway(seconds, SHORTEST_GATEWAY_LIMIT))
      continue;
    const scope = ctx.enclosingFunction(call);
    // A stack's own default: its APIs are in sight.
    const own = scope === undefined ? undefined : inheritingApiLimit(ctx, scope);
    if (own !== undefined) {
      if (outlivesGateway(seconds, own))
        report(
          'iac-gateway-timeout-exceeds-lambda',
          timeout,
          `SST default function timeout ${seconds} s outlasts the ${own} s limit of an API whose routes take it: the work goes on after the client's 504`,
        );
      continue;
    }
    const { refs, local } = addedStacks(ctx, call);
    const limits = local.map((fn) => sstStackApiLimit(ctx, fn)).filter((l) => l !== undefined);
    const message = `SST app-wide default function timeout ${seconds} s is inherited by API route functions of the stacks added after it, which the API stops waiting for sooner: the work goes on after the client's 504`;
    if (limits.some((l) => outlivesGateway(seconds, l)))
      report('iac-gateway-timeout-exceeds-lambda', timeout, message);
    else if (refs.length > 0)
      report('iac-gateway-timeout-exceeds-lambda', timeout, message, {
        onlyIfImportSstApi: { refs, seconds },
      });
  }
};
