// What a Lambda entry point looks like from its own text: an aws-lambda type on it or its event, the
// `(event, context)` parameters, an export named like a handler, or a no-argument `main` in a module named
// for a Lambda. Asked by handler discovery (js/handlerDiscovery.ts) of exports and of the functions
// wrappers are given.

import type { Node } from './ast.js';
import { callbackSignature } from './callbackSignature.js';
import { declaredTypeOf, typeNameOf } from './handlerTypes.js';
import type { ModuleContext } from './ModuleContext.js';

const LAMBDA_EVENT_TYPES =
  /^(SQS|SNS|S3|Kinesis|KinesisStream|DynamoDBStream|EventBridge|APIGatewayProxy|APIGatewayProxyV2|APIGatewayProxyEventV2|ALB|Scheduled|CloudWatchLogs|Firehose|Cognito\w*|Context)\w*(Event|Handler)$|^Handler$/;
/** An export named like a Lambda entry point. */
export const HANDLER_NAME = /^(handler|main|lambdaHandler|\w+Handler)$/;
/** A module path that names a Lambda: `handler.ts`, `lambdas/purge.ts`, `cleanup-lambda/src/index.ts`. */
const LAMBDA_MODULE = /(^|\/)(handlers?|lambda)\.[cm]?[jt]s$|[/-]lambdas?\/|\/functions?\//i;

/** The module calls the export itself (`main().catch(...)`): a script, not an entry point. */
function calledHere(ctx: ModuleContext, name: string): boolean {
  return new RegExp(`(^|[^\\w$.])${name}\\s*\\(`).test(
    ctx.source.replace(/\bfunction\s*\*?\s*[\w$]+\s*\(|\b(const|let|var)\s+[\w$]+\s*=\s*(async\s*)?\(/g, ''),
  );
}

/** Lambda-looking function: typed with an aws-lambda type, or takes (event, context). */
export function looksLikeHandler(ctx: ModuleContext, fn: Node, exportedName: string | undefined): boolean {
  const declared = declaredTypeOf(ctx, fn);
  if (declared !== undefined && LAMBDA_EVENT_TYPES.test(declared)) return true;
  const params = fn.params as Node[];
  const first = params[0];
  const firstType = first ? typeNameOf(first.typeAnnotation) : undefined;
  if (firstType !== undefined && LAMBDA_EVENT_TYPES.test(firstType)) return true;
  const secondType = params[1] ? typeNameOf(params[1].typeAnnotation) : undefined;
  if (secondType === 'Context') return true;
  if (exportedName === 'handler' || exportedName === 'lambdaHandler') return params.length <= 3;
  // `(event, ctx, callback)`: Lambda's own form, a handler whatever the export is called.
  if (exportedName !== undefined && callbackSignature(params)) return true;
  if (exportedName !== undefined && HANDLER_NAME.test(exportedName)) {
    // A scheduled job takes no event (`export const main = async () => ...`): in a module named for a
    // Lambda (`handler.ts`, `cleanup-lambda/src/index.ts`) and never called there, it is the entry point.
    if (
      exportedName === 'main' &&
      params.length === 0 &&
      LAMBDA_MODULE.test(ctx.file) &&
      !calledHere(ctx, exportedName)
    )
      return true;
    const firstName = first?.type === 'Identifier' ? (first.name as string) : undefined;
    const secondName = params[1]?.type === 'Identifier' ? (params[1].name as string) : undefined;
    return (
      (firstName === 'event' || firstName === 'evt') &&
      (secondName === undefined || /^(context|ctx)$/.test(secondName))
    );
  }
  return false;
}
