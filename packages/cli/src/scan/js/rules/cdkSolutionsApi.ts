// iac-gateway-timeout-exceeds-lambda for aws-solutions-constructs' API patterns, which build their function
// themselves from the props they are given (kept apart from cdkApiFunctions.ts, which finds routes).
import { outlivesGateway } from '../../iac/gatewayLimit.js';
import { memberPath, type Node, objectProps } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { timeoutIn } from './cdkConstructDefaults.js';
import { handlerLinkOfProps } from './cdkHandlers.js';
import type { Report } from './Report.js';

/** A REST API's integration timeout: these patterns build one. */
const REST_LIMIT = 29;

/** Built from a package rather than the project. */
function fromLibrary(ctx: ModuleContext, node: Node): boolean {
  const source = ctx.importRoot(node.callee)?.source;
  return source !== undefined && !source.startsWith('.');
}

/**
 * aws-solutions-constructs' API patterns (`ApiGatewayToLambda`, `CognitoToApiGatewayToLambda`, ...) build
 * the function from `lambdaFunctionProps` behind a REST API: judged at that timeout.
 */
export function solutionsPatternTimeouts(ctx: ModuleContext, report: Report): void {
  // The pattern's class name is spelled where it is built: most CDK modules build none.
  if (!ctx.spells('ApiGatewayToLambda') && !ctx.spells('\\u')) return;
  for (const node of ctx.of('NewExpression')) {
    const kind = memberPath(node.callee)?.at(-1) ?? '';
    if (!/ApiGatewayToLambda$/.test(kind) || !fromLibrary(ctx, node)) continue;
    const fnProps = objectProps(ctx.valueOf((node.arguments as Node[])[2]))?.props.get('lambdaFunctionProps');
    const timeout = timeoutIn(ctx, fnProps);
    if (timeout === undefined || !outlivesGateway(timeout.seconds, REST_LIMIT)) continue;
    const link = handlerLinkOfProps(ctx, objectProps(ctx.valueOf(fnProps)), 'no-work');
    report(
      'iac-gateway-timeout-exceeds-lambda',
      timeout.node,
      `${kind}'s function timeout ${timeout.seconds}s is at least API Gateway's ${REST_LIMIT}s integration timeout: clients get 504 while it keeps running`,
      link !== undefined ? { handlerLink: link } : undefined,
    );
  }
}
