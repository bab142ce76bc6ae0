// iac-no-reserved-concurrency in CDK: an SqsEventSource attached to a function this module does not build
// is judged where the function is built. A function handed in (`props.handler.addEventSource(...)`, a
// parameter of a helper) has its reserved concurrency set, or not, by the caller; a construct that is
// itself a function built by a project's own base class (`class Consumer extends ProjectLambda` calling
// `super.addEventSource(...)`) has it set by the base class from the caller's overrides. Neither is in
// sight here, and a shared construct cannot know what sits behind each consumer.
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

function enclosingClass(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n))
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
  return undefined;
}

/**
 * The function `fnExpr` names is built outside this module: a parameter (or a field of one), or the
 * construct itself when its base class is not CDK's own.
 * @example
 * builtElsewhere(ctx, fnExpr) // `props.lambdaFunction.addEventSource(new SqsEventSource(queue))` -> true
 */
export function builtElsewhere(ctx: ModuleContext, fnExpr: Node | undefined): boolean {
  const n = unwrap(fnExpr);
  if (n === undefined) return false;
  if (n.type === 'Super' || n.type === 'ThisExpression') {
    const base = enclosingClass(ctx, n)?.superClass as Node | undefined;
    if (base === undefined || base === null) return false;
    const source = ctx.importRoot(base)?.source ?? '';
    return !/aws-cdk-lib|@aws-cdk\//.test(source);
  }
  const root = memberPath(n)?.[0];
  return root !== undefined && root !== 'this' && ctx.resolve(root, n)?.kind === 'param';
}
