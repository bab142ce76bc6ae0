// Constructs in the style of aws-solutions-constructs (`new SqsToLambda(this, id, { lambdaFunctionProps,
// sqsEventSourceProps })`): the library builds the function from `lambdaFunctionProps` and hands
// `sqsEventSourceProps` to `new SqsEventSource(queue, ...)` unchanged (it sets no batch size of its own:
// SqsToLambda in awslabs/aws-solutions-constructs, so the CDK default of 10 applies when none is given).
// A batch size of 1 there settles the handler's partial-failure finding, as `batchSize: 1` on an
// SqsEventSource does. A project construct that takes the same two props and passes them on (a
// Step Functions callback task around SqsToLambda) is read the same way.
import { isFunction, memberPath, type Node, numberValue, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { handlerLinkOfProps } from './cdkHandlers.js';

/** The method `this.name()` calls in the class around `at`. */
function thisMethod(ctx: ModuleContext, call: Node): Node | undefined {
  const path = memberPath(call.callee as Node);
  if (path?.length !== 2 || path[0] !== 'this') return undefined;
  for (let n = ctx.parentOf(call); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type !== 'ClassBody') continue;
    for (const m of n.body as Node[])
      if (m.type === 'MethodDefinition' && propertyName(m.key as Node, m.computed as boolean) === path[1])
        return isFunction(m.value as Node) ? (m.value as Node) : undefined;
    return undefined;
  }
  return undefined;
}

/** The one object a function returns (`return { ... }`), or undefined. */
function returnedObject(fn: Node): Node | undefined {
  const body = fn.body as Node;
  if (body?.type !== 'BlockStatement')
    return unwrap(body)?.type === 'ObjectExpression' ? unwrap(body) : undefined;
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  if (returns.length !== 1) return undefined;
  const v = unwrap(returns[0]?.argument as Node | undefined);
  return v?.type === 'ObjectExpression' ? v : undefined;
}

/**
 * The keys of a props object, following spreads of variables and of this class's methods
 * (`...this.getDefaultSqsEventSourceProps()`); undefined when any spread stays out of sight.
 */
function propsOf(ctx: ModuleContext, node: Node | undefined, depth = 0): Map<string, Node> | undefined {
  if (depth > 3) return undefined;
  const n = ctx.valueOf(node);
  if (n?.type !== 'ObjectExpression') return undefined;
  const out = new Map<string, Node>();
  for (const p of n.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      const arg = ctx.valueOf(p.argument as Node);
      const method = arg?.type === 'CallExpression' ? thisMethod(ctx, arg) : undefined;
      const inner = propsOf(ctx, method !== undefined ? returnedObject(method) : arg, depth + 1);
      if (inner === undefined) return undefined;
      for (const [k, v] of inner) out.set(k, v);
      continue;
    }
    const key = propertyName(p.key as Node, p.computed as boolean);
    if (key === undefined) return undefined;
    out.set(key, p.shorthand ? (p.key as Node) : (p.value as Node));
  }
  return out;
}

/**
 * `new SqsToLambda(this, id, { lambdaFunctionProps: { code, handler }, sqsEventSourceProps: { batchSize: 1 } })`
 * (from `@aws-solutions-constructs/*` or a project construct taking the same props): the handler it names.
 */
export function solutionsConstructBatchOne(ctx: ModuleContext, node: Node): string[] {
  const imp = ctx.importRoot(node.callee as Node);
  const callee = unwrap(node.callee as Node);
  const local = callee?.type === 'Identifier' && ctx.resolve(callee.name as string, callee) !== undefined;
  if (
    imp === undefined
      ? !local
      : !(imp.source.startsWith('@aws-solutions-constructs/') || imp.source.startsWith('.'))
  )
    return [];
  const props = propsOf(ctx, (node.arguments as Node[])[2]);
  const source = props?.get('sqsEventSourceProps');
  const fn = props?.get('lambdaFunctionProps');
  if (source === undefined || fn === undefined) return [];
  if (numberValue(propsOf(ctx, source)?.get('batchSize')) !== 1) return [];
  const link = handlerLinkOfProps(ctx, objectProps(ctx.valueOf(fn)), 'no-record-work');
  return link === undefined ? [] : link.stems.map((stem) => `${stem}.${link.export}`);
}
