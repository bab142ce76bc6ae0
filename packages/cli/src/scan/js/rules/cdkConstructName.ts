// Which aws-cdk-lib construct a `new X(...)` builds, read from its import: the one question every CDK rule
// asks first.
import { memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The CDK construct class a `new` expression builds (`Queue`, `SqsEventSource`), or undefined when its
 * callee is not imported from aws-cdk-lib or `@aws-cdk/*`.
 * @example
 * // import { aws_sqs as sqs } from 'aws-cdk-lib'; new sqs.Queue(this, 'Q')
 * cdkConstruct(ctx, newExpression); // 'Queue'
 */
export function cdkConstruct(ctx: ModuleContext, node: Node): string | undefined {
  const imp = ctx.importRoot(node.callee);
  if (imp === undefined || !(imp.source.startsWith('aws-cdk-lib') || imp.source.startsWith('@aws-cdk/')))
    return undefined;
  // `import { LambdaFunction as TargetLambdaFunction }`: the construct is the imported name.
  if (unwrap(node.callee)?.type === 'Identifier' && imp.imported !== '*' && imp.imported !== 'default')
    return imp.imported;
  return memberPath(node.callee)?.at(-1);
}
