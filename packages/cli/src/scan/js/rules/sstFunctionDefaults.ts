// iac-gateway-timeout-exceeds-lambda for SST's function defaults (v2, and v1's `@serverless-stack/resources`):
// `app.setDefaultFunctionProps({ timeout })` in sst.config.ts (v1: the `main(app)` of stacks/index.ts) sets
// the timeout of every function of the stacks added after it (`app.stack(ApiStack)`, or a v1 class stack
// built on that app, `new ApiStack(app, "api")`), and `stack.setDefaultFunctionProps(...)` (v1 class stacks:
// `this.setDefaultFunctionProps`) that of its own stack. A route function of an SST API (`Api`, an
// HTTP API, 30 s; `ApiGatewayV1Api` and `WebSocketApi`, 29 s) that sets no timeout, under an API without
// `defaults.function.timeout`, runs with it. The finding is at that default, the value the fix changes. A
// stack's own default is judged in its module; the app's where it is set, kept by the project pass when a
// stack added after it builds such an API and sets no timeout default of its own (ExportFact.sstApi).
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from '../../iac/gatewayLimit.js';
import { contains, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { spellsSstConstructs, sstConstruct } from '../sstConstructs.js';
import type { Report, Rule } from './Report.js';
import { LIMITS, routesInherit } from './sstApiTimeouts.js';
import { sstSeconds } from './sstDurations.js';

function propsOf(ctx: ModuleContext, node: Node | undefined) {
  return node === undefined ? undefined : objectProps(ctx.valueOf(node) ?? unwrap(node));
}

/** `x.setDefaultFunctionProps({ ... })` calls inside `scope` (the whole module when undefined). */
function defaultCalls(ctx: ModuleContext, scope?: Node): Node[] {
  return ctx
    .of('CallExpression')
    .filter(
      (c) =>
        memberPath(unwrap(c.callee as Node))?.at(-1) === 'setDefaultFunctionProps' &&
        (scope === undefined || contains(scope, c)),
    );
}

/** Whether a defaults call may set the timeout: it writes one, or passes props the scan cannot read. */
function setsTimeout(ctx: ModuleContext, call: Node): boolean {
  const props = propsOf(ctx, (call.arguments as Node[])[0]);
  return props === undefined || props.spread || props.props.has('timeout');
}

/**
 * The shortest integration limit of the SST APIs a stack (its function, or a v1 stack class) builds whose
 * route functions take the app's or stack's function defaults; undefined when it builds none.
 * @example
 * inheritingApiLimit(ctx, stackFn) // 29 for a stack building `new WebSocketApi(stack, 'Ws', { routes })`
 */
export function inheritingApiLimit(ctx: ModuleContext, fn: Node): number | undefined {
  let limit: number | undefined;
  for (const node of ctx.of('NewExpression')) {
    if (!contains(fn, node)) continue;
    const construct = sstConstruct(ctx, node.callee);
    const own = construct === undefined ? undefined : LIMITS.get(construct.name);
    if (own === undefined || !routesInherit(ctx, (node.arguments as Node[])[2], construct?.v1)) continue;
    limit = Math.min(limit ?? own, own);
  }
  return limit;
}

/**
 * For an exported stack function (or SST v1 stack class): the limit of the APIs it builds whose routes take
 * the app's defaults, unless the stack sets a timeout default of its own (then judged in its module).
 * @example
 * sstStackApiLimit(ctx, stackFn) // 30 for `export function ApiStack({ stack }) { new Api(stack, 'api', { routes }) }`
 */
export function sstStackApiLimit(ctx: ModuleContext, fn: Node): number | undefined {
  if (!spellsSstConstructs(ctx)) return undefined;
  if (defaultCalls(ctx, fn).some((c) => setsTimeout(ctx, c))) return undefined;
  return inheritingApiLimit(ctx, fn);
}

/**
 * The stack a call or `new` after the defaults adds, by its callee or argument: `app.stack(ApiStack)` names
 * its function, and an SST v1 class stack is built on the app itself, `new ApiStack(app, "api")`, where
 * `app` is what the defaults were set on.
 */
function stackAdded(ctx: ModuleContext, node: Node, app: string | undefined): Node | undefined {
  const args = node.arguments as Node[];
  if (node.type === 'NewExpression') {
    const first = unwrap(args[0]);
    const callee = unwrap(node.callee as Node);
    const onApp = app !== undefined && first?.type === 'Identifier' && first.name === app;
    return onApp && callee?.type === 'Identifier' && sstConstruct(ctx, callee) === undefined
      ? callee
      : undefined;
  }
  const callee = unwrap(node.callee as Node);
  if (callee?.type !== 'MemberExpression' || propertyName(callee.property as Node, false) !== 'stack')
    return undefined;
  const arg = unwrap(args[0]);
  return arg?.type === 'Identifier' ? arg : undefined;
}

/**
 * The stacks added after `call` in its function (`app.stack(ApiStack)`, `new ApiStack(app, "api")`):
 * imported ones and local ones (a stack function, a stack class).
 */
function addedStacks(ctx: ModuleContext, call: Node): { refs: ImportRef[]; local: Node[] } {
  const scope = ctx.enclosingFunction(call);
  const app = memberPath(unwrap(call.callee as Node))
    ?.slice(0, -1)
    .join('.');
  const refs: ImportRef[] = [];
  const local: Node[] = [];
  for (const c of [...ctx.of('CallExpression'), ...ctx.of('NewExpression')]) {
    if ((c.start as number) < (call.end as number) || (scope !== undefined && !contains(scope, c))) continue;
    const arg = stackAdded(ctx, c, app);
    if (arg === undefined) continue;
    const imp = ctx.importOf(arg.name as string, arg);
    if (imp !== undefined) refs.push({ from: ctx.file, source: imp.source, name: imp.imported });
    else {
      const binding = ctx.resolve(arg.name as string, arg);
      const stack = binding?.kind === 'class' ? binding.declaration : ctx.functionOf(arg);
      if (stack !== undefined) local.push(stack);
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
