// SST v1/v2 stacks are functions that hand their constructs to other stacks by returning them: LambdaStack
// ends `return { functions: { alerts } }`, ApiStack takes `const { functions } = use(LambdaStack)` and routes
// `"POST /alerts": { cdk: { function: functions.alerts } }`. Such a route runs the function as it was built,
// with its own timeout (the Api's function defaults do not reach a function built elsewhere). The route
// records which field of which stack it reaches (ctx.fieldRoutes, matched by the project pass in
// constructFields.ts); the owner stack raises a candidate at the timeout of each function it returns, kept
// only when some route reaches it with an API that gives up sooner.
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from '../../iac/gatewayLimit.js';
import { memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedValues } from '../returnedValues.js';
import { importRefOf } from '../sdkOptions.js';
import { isSstConstructs, spellsSstConstructs, sstConstruct } from '../sstConstructs.js';
import { durationSeconds } from './cdkConstructDefaults.js';
import { cdkConstruct } from './cdkConstructName.js';
import type { Report, Rule } from './Report.js';
import { siteWords, sstSeconds, timeoutSite } from './sstDurations.js';

/**
 * The timeout a function construct is built with (SST's `Function`, seconds or a duration string; a CDK
 * function's `Duration`) and where it is fixed (the constant it names, when it names one).
 * @example
 * functionTimeout(ctx, node) // { node: <'180 seconds'>, seconds: 180 } for new Function(stack, id, { timeout: '180 seconds' })
 */
export function functionTimeout(ctx: ModuleContext, node: Node): { node: Node; seconds: number } | undefined {
  const sst = sstConstruct(ctx, node.callee as Node);
  const kind = sst?.name ?? cdkConstruct(ctx, node);
  if (kind === undefined || !/Function$/.test(kind)) return undefined;
  const timeout = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props.get('timeout');
  if (timeout === undefined) return undefined;
  const seconds = sst !== undefined ? sstSeconds(ctx, timeout) : durationSeconds(timeout, ctx);
  return seconds === undefined ? undefined : { node: timeoutSite(ctx, timeout), seconds };
}

/** The project stack a `use(Stack)` call of SST's constructs names. */
function usedStack(ctx: ModuleContext, init: Node | undefined): ImportRef | undefined {
  const call = unwrap(init);
  const callee = unwrap(call?.callee as Node | undefined);
  if (call?.type !== 'CallExpression' || callee?.type !== 'Identifier') return undefined;
  if (!isSstConstructs(ctx.importOf(callee.name as string, callee)?.source)) return undefined;
  const stack = (call.arguments as Node[])[0];
  const ref = stack === undefined ? undefined : importRefOf(ctx, stack);
  return ref?.source.startsWith('.') === true ? ref : undefined;
}

/**
 * The field of another stack an expression names through `use(Stack)`: `functions.alerts` for
 * `functions.alerts` after `const { functions } = use(LambdaStack)`, or after `const lambdas = use(LambdaStack)`
 * for `lambdas.functions.alerts`.
 */
export function usedStackField(
  ctx: ModuleContext,
  expr: Node,
): { owner: ImportRef; field: string } | undefined {
  const path = memberPath(unwrap(expr));
  let root = unwrap(expr);
  while (root?.type === 'MemberExpression') root = unwrap(root.object as Node);
  if (path === undefined || root?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(root.name as string, root);
  const decl = binding?.declaration;
  if (binding?.kind !== 'const' || decl?.type !== 'VariableDeclarator') return undefined;
  const owner = usedStack(ctx, decl.init as Node);
  if (owner === undefined) return undefined;
  const rest = path.slice(1);
  if (decl.id?.type === 'Identifier') return rest.length > 0 ? { owner, field: rest.join('.') } : undefined;
  if (decl.id?.type !== 'ObjectPattern') return undefined;
  for (const prop of decl.id.properties as Node[]) {
    if (prop.type !== 'Property' || prop.value?.type !== 'Identifier' || prop.value.name !== root.name)
      continue;
    const key = propertyName(prop.key as Node, prop.computed as boolean);
    return key === undefined ? undefined : { owner, field: [key, ...rest].join('.') };
  }
  return undefined;
}

/**
 * A route's `cdk.function`: a function built in this module is judged at its timeout here; one another
 * stack returns is recorded as a route to that stack's field, judged there.
 * @example
 * routedCdkFunction(ctx, fnExpr, 30, 'POST /alerts', report) // `functions.alerts` of `use(LambdaStack)`: a field route
 */
export function routedCdkFunction(
  ctx: ModuleContext,
  expr: Node,
  limit: number,
  route: string,
  report: Report,
): void {
  const built = ctx.valueOf(expr);
  if (built?.type === 'NewExpression') {
    const timeout = functionTimeout(ctx, built);
    if (timeout !== undefined && outlivesGateway(timeout.seconds, limit))
      report(
        'iac-gateway-timeout-exceeds-lambda',
        timeout.node,
        `SST route ${route} runs its function for up to ${timeout.seconds} s${siteWords(timeout.node)} behind an API that gives up at ${limit} s: the work goes on after the client's 504/503`,
      );
    return;
  }
  const field = usedStackField(ctx, expr);
  if (field !== undefined) ctx.fieldRoutes.push({ ...field, limit });
}

/** Each field path of a returned object literal to the expression it holds (`functions.alerts` -> `alerts`). */
export function returnedFields(
  ctx: ModuleContext,
  node: Node | undefined,
  prefix: string,
  depth = 0,
): [string, Node][] {
  const props = objectProps(ctx.valueOf(node));
  if (props === undefined || depth > 3) return [];
  const out: [string, Node][] = [];
  for (const [key, value] of props.props) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (ctx.valueOf(value)?.type === 'ObjectExpression')
      out.push(...returnedFields(ctx, value, path, depth + 1));
    else out.push([path, value]);
  }
  return out;
}

/**
 * Raises, in a module of SST stacks, a candidate at the timeout of each function an exported stack returns
 * that outlives the shortest API Gateway wait; the project pass keeps it when another stack routes that
 * field (`use(Stack)` and `cdk.function`) behind an API that gives up sooner.
 */
export const sstStackFieldRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!spellsSstConstructs(ctx) || !ctx.spells('return')) return;
  const sites = new Map<Node, { exports: Set<string>; fields: string[]; seconds: number }>();
  for (const [name, value] of ctx.exports) {
    const fn = ctx.functionOf(value);
    const returned = fn === undefined ? undefined : returnedValues(fn, 'skip');
    for (const object of returned ?? []) {
      for (const [field, expr] of returnedFields(ctx, object, '')) {
        const built = ctx.valueOf(expr);
        const timeout = built?.type === 'NewExpression' ? functionTimeout(ctx, built) : undefined;
        if (timeout === undefined || !outlivesGateway(timeout.seconds, SHORTEST_GATEWAY_LIMIT)) continue;
        const site = sites.get(timeout.node) ?? { exports: new Set(), fields: [], seconds: timeout.seconds };
        site.exports.add(name);
        site.fields.push(field);
        sites.set(timeout.node, site);
      }
    }
  }
  // One candidate a place: a constant several returned functions share is one fix.
  for (const [node, { exports, fields, seconds }] of sites) {
    const [field, ...aliases] = fields;
    if (field === undefined) continue;
    report(
      'iac-gateway-timeout-exceeds-lambda',
      node,
      `function timeout ${seconds} s${siteWords(node)} is at least API Gateway's integration timeout: another stack routes ${fields.length > 1 ? 'one of ' : ''}this stack's ${fields.join(', ')} behind an API (\`use(...)\` and a route's \`cdk.function\`), and clients get 504 while it keeps running`,
      {
        onlyIfFieldRouted: {
          exports: [...exports],
          field,
          seconds,
          ...(aliases.length > 0 ? { aliases } : {}),
        },
      },
    );
  }
};
