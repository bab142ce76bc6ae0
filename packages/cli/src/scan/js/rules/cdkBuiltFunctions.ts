// iac-missing-dlq for a CDK function built by a project helper in another module and invoked
// asynchronously here: `const fn = createLambda({ name, entry })` (the helper returns `new lambda.Function(
// scope, id, { ..., retryAttempts: props.retryAttempts ?? 0 })`), then `fn.addEventSource(new
// S3EventSource(bucket))`. The CDK `Function` takes its async failure destination only from
// `deadLetterQueue`/`deadLetterTopic`/`deadLetterQueueEnabled`/`onFailure` (FunctionOptions) or a
// `configureAsyncInvoke`/`EventInvokeConfig`, so the helper decides whether the caller can give one. The
// finding goes at the helper's call (where the fix goes), kept once the project pass has read the helper
// (ExportFact.functionBuilder) and found none of its DLQ props among the keys written here.
import { isFunction, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayBeWorkspaceImport } from '../workspaceImports.js';
import { invoked } from './cdkAsyncInvokers.js';
import { cdkConstruct } from './cdkConstructName.js';
import { asyncInvokeConfigured } from './cdkHandlers.js';
import type { Report } from './Report.js';

/** The CDK function props that give an asynchronous invocation somewhere to put a failed event. */
const DLQ_PROPS = ['deadLetterQueue', 'deadLetterTopic', 'deadLetterQueueEnabled', 'onFailure'];

/** The parameter key a prop's value reads (`props.dlq`, `props?.dlq ?? undefined`, a destructured `dlq`). */
function paramKey(ctx: ModuleContext, value: Node | undefined): string | undefined {
  let n = unwrap(value);
  if (n?.type === 'LogicalExpression') n = unwrap(n.left as Node);
  if (n?.type === 'ConditionalExpression') n = unwrap(n.consequent as Node);
  if (n?.type === 'MemberExpression') {
    const root = unwrap(n.object as Node);
    if (root?.type === 'Identifier' && ctx.resolve(root.name as string, root)?.kind === 'param')
      return propertyName(n.property as Node, n.computed as boolean);
  }
  if (n?.type === 'Identifier' && ctx.resolve(n.name as string, n)?.kind === 'param') return n.name as string;
  return undefined;
}

/**
 * For an exported function that builds and returns one CDK Lambda `Function` (any `*Function` construct of
 * aws-cdk-lib, imported under any name): the caller's keys that can reach a DLQ prop. Undefined when the
 * helper gives every function a destination itself, or its props cannot be read.
 * @example
 * builderDlqKeys(ctx, fn) // function createLambda(p) { const l = new Function(p.stack, p.name, { retryAttempts: 0 }); return l } -> []
 */
export function builderDlqKeys(ctx: ModuleContext, fn: Node): string[] | undefined {
  const text = ctx.source.slice(fn.start as number, fn.end as number);
  if (!/Function\b|Lambda\b/.test(text)) return undefined;
  // A helper that configures async invocation itself (with or without a destination) is judged by hand.
  if (/configureAsyncInvoke|EventInvokeConfig/.test(text)) return undefined;
  const built = ctx.of('NewExpression').filter(
    (n) =>
      (n.start as number) >= (fn.start as number) &&
      (n.end as number) <= (fn.end as number) &&
      ctx.enclosingFunction(n) === fn &&
      // aws-events-targets' `LambdaFunction` is a rule target, not a function.
      /Function$/.test(cdkConstruct(ctx, n) ?? '') &&
      cdkConstruct(ctx, n) !== 'LambdaFunction',
  );
  if (built.length !== 1) return undefined;
  const ctor = built[0] as Node;
  if (!returnsConstruct(ctx, fn, ctor)) return undefined;
  const props = objectProps(ctx.valueOf((ctor.arguments as Node[])[2]));
  if (props === undefined) return undefined;
  const keys: string[] = [];
  for (const k of DLQ_PROPS) {
    if (!props.props.has(k)) continue;
    const from = paramKey(ctx, props.props.get(k));
    // Set by the helper from something other than the caller's props: every function gets it.
    if (from === undefined) return undefined;
    keys.push(from);
  }
  if (props.spread) {
    // `...props` of the caller hands its DLQ props on; any other spread cannot be read.
    const node = ctx.valueOf((ctor.arguments as Node[])[2]);
    const spreads = ((node?.properties ?? []) as Node[]).filter((p) => p.type === 'SpreadElement');
    let fromCaller = false;
    for (const sp of spreads) {
      const arg = sp.argument as Node;
      if (paramKey(ctx, arg) !== undefined || isParam(ctx, arg)) fromCaller = true;
      else if (!literalWithout(ctx, arg)) return undefined;
    }
    if (fromCaller) keys.push(...DLQ_PROPS);
  }
  return keys;
}

/** `...(cond ? { layers } : {})`, `...(x && { vpc })`: object literals written here, none with a DLQ prop. */
function literalWithout(ctx: ModuleContext, n: Node | undefined): boolean {
  const u = unwrap(n);
  if (u?.type === 'ConditionalExpression')
    return literalWithout(ctx, u.consequent as Node) && literalWithout(ctx, u.alternate as Node);
  if (u?.type === 'LogicalExpression') return literalWithout(ctx, u.right as Node);
  if (u?.type !== 'ObjectExpression') return false;
  const own = objectProps(u);
  return own !== undefined && !own.spread && !DLQ_PROPS.some((k) => own.props.has(k));
}

function isParam(ctx: ModuleContext, n: Node | undefined): boolean {
  const u = unwrap(n);
  return u?.type === 'Identifier' && ctx.resolve(u.name as string, u)?.kind === 'param';
}

/** `fn` hands back the construct: `return l`, `return new Function(...)`, or an arrow's expression body. */
function returnsConstruct(ctx: ModuleContext, fn: Node, ctor: Node): boolean {
  const body = fn.body as Node;
  if (body?.type !== 'BlockStatement') return ctx.valueOf(body) === ctor;
  // The body's own top-level `return` (a helper builds and hands back one function).
  return ((body.body ?? []) as Node[]).some(
    (st) => st.type === 'ReturnStatement' && ctx.valueOf(st.argument as Node) === ctor,
  );
}

/** The constructs that invoke a function asynchronously, by name. */
export const ASYNC_INVOKERS =
  /EventSource|LambdaSubscription|LambdaDestination|LambdaFunctionAction|aws-ses-actions/;
/** ASYNC_INVOKERS's words, one in every alternative (spelledWords.test.ts holds them together). */
export const ASYNC_INVOKER_WORDS: readonly string[] = [
  'EventSource',
  'LambdaSubscription',
  'LambdaDestination',
  'LambdaFunctionAction',
  'aws-ses-actions',
];

/**
 * Reports each call of an imported project helper whose returned function an SNS, S3, SES, IoT or Logs
 * invoker of this module runs asynchronously, unless this module configures its async invocation.
 */
export function helperBuiltAsyncTargets(ctx: ModuleContext, report: Report): void {
  if (!ctx.testSpelled(ASYNC_INVOKERS, ASYNC_INVOKER_WORDS)) return;
  const done = new Set<Node>();
  for (const node of ctx.of('NewExpression')) {
    const kind = cdkConstruct(ctx, node);
    const target = kind === undefined ? undefined : invoked(ctx, node, kind);
    if (kind === undefined || target?.fn === undefined) continue;
    const call = ctx.valueOf(unwrap(target.fn));
    if (call?.type !== 'CallExpression' || done.has(call)) continue;
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const local = ctx.functionOf(callee);
    if (local !== undefined) {
      if (localBuilderBare(ctx, local, unwrap(target.fn))) {
        done.add(call);
        reportHelperCall(ctx, report, call, callee.name as string, kind, node);
      }
      continue;
    }
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp === undefined || !mayBeWorkspaceImport(imp.source) || /aws-cdk/.test(imp.source)) continue;
    const fnName = memberPath(unwrap(target.fn))?.join('.');
    if (asyncInvokeConfigured(ctx, fnName)) continue;
    // The props object among the arguments (`createLambda({ ... })`, `buildFn(this, 'Id', { ... })`).
    const args = call.arguments as Node[];
    const arg = args.map((a) => ctx.valueOf(a)).find((a) => a?.type === 'ObjectExpression');
    const props = arg === undefined ? { props: new Map<string, Node>(), spread: false } : objectProps(arg);
    if (props === undefined || args.some((a) => a.type === 'SpreadElement' || isFunction(a))) continue;
    done.add(call);
    reportHelperCall(ctx, report, call, callee.name as string, kind, node, {
      onlyIfImportFunctionBuilder: {
        ref: { from: ctx.file, source: imp.source, name: imp.imported },
        keys: [...props.props.keys()],
        spread: props.spread,
      },
    });
  }
}

/**
 * A helper of this module (`const createFunction = (handler, entry) => { const f = new NodejsFunction(...);
 * return f }`) whose one function never takes a DLQ prop from anywhere (builderDlqKeys answers none), and
 * whose result the module does not configure later (`fn.configureAsyncInvoke`): no caller can give the
 * function a destination, so the call an async invoker takes is where the fix goes. A helper that may set
 * one from its parameters is left alone: positional arguments cannot be matched to its keys.
 */
function localBuilderBare(ctx: ModuleContext, helper: Node, fnExpr: Node | undefined): boolean {
  const keys = builderDlqKeys(ctx, helper);
  if (keys === undefined || keys.length > 0) return false;
  return !asyncInvokeConfigured(ctx, memberPath(fnExpr)?.join('.'));
}

function reportHelperCall(
  ctx: ModuleContext,
  report: Report,
  call: Node,
  helper: string,
  kind: string,
  at: Node,
  extra?: Parameters<Report>[3],
): void {
  const { line } = ctx.position(at.start as number);
  report(
    'iac-missing-dlq',
    call,
    `function built by ${helper} and invoked asynchronously (${kind} at line ${line}) has no deadLetterQueue or onFailure destination: events that still fail after Lambda's retries are dropped`,
    extra,
  );
}
