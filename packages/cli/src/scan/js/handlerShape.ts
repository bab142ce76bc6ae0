// Whether an exported function is shaped like a Lambda entry point: typed with an aws-lambda type, taking
// (event, context), or exported under a Lambda's name. Kept apart from handlerDiscovery.ts, which walks a
// module's exports and wrappers and asks this of each function it finds.
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

/** The parameters read as a Lambda's: `(event)` or `(event, context)`. */
function takesEvent(params: Node[]): boolean {
  const firstName = params[0]?.type === 'Identifier' ? (params[0].name as string) : undefined;
  const secondName = params[1]?.type === 'Identifier' ? (params[1].name as string) : undefined;
  return (
    (firstName === 'event' || firstName === 'evt') &&
    (secondName === undefined || /^(context|ctx)$/.test(secondName))
  );
}

/** Lambda-looking function: typed with an aws-lambda type, or takes (event, context), or exported as one. */
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
  // A default export taking the event, in a module named for a Lambda (`getUsers/handler.js`): bundlers
  // and constructs point a function at the module's default export as readily as at a named one.
  if (exportedName === 'default' && LAMBDA_MODULE.test(ctx.file) && takesEvent(params)) return true;
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
    return takesEvent(params);
  }
  return false;
}
