// Which `new` builds an aws-sdk v2 client: `new AWS.SNS()` of the imported SDK, the SDK instrumented by
// X-Ray under another name, and a class alias chosen at run time between the two
// (`const DynamoDB = offline ? AWS.DynamoDB : AWSXRay.captureAWS(AWS).DynamoDB`), which still builds an
// SDK client whichever side is taken.
import { calleeName, memberPath, type Node, rootIdentifier, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** `captureAWS(AWS)` of the SDK imported here, or `captureAWS(require('aws-sdk'))`. */
function capturesSdk(ctx: ModuleContext, init: Node | undefined): boolean {
  if (init?.type !== 'CallExpression' || calleeName(init) !== 'captureAWS') return false;
  const arg = unwrap(init.arguments[0] as Node | undefined);
  if (arg?.type === 'Identifier') return ctx.importOf(arg.name as string, arg)?.source === 'aws-sdk';
  return (
    arg?.type === 'CallExpression' &&
    calleeName(arg) === 'require' &&
    stringValue(arg.arguments[0]) === 'aws-sdk'
  );
}

/**
 * `AWSXRay.captureAWS(require('aws-sdk'))`, or `captureAWS(AWS)` of the SDK imported beside it: the SDK,
 * instrumented by X-Ray, under another name (aws-xray-sdk-core: captureAWS patches and returns the module).
 */
export function xrayCapturedSdk(ctx: ModuleContext, callee: Node): boolean {
  const root = rootIdentifier(callee);
  return capturesSdk(ctx, root === undefined ? undefined : unwrap(ctx.resolve(root, callee)?.init));
}

/** `AWS.DynamoDB`, `captureAWS(AWS).DynamoDB`: an expression that is (a member of) the v2 SDK. */
function sdkMember(ctx: ModuleContext, node: Node | undefined): boolean {
  let base = unwrap(node);
  while (base?.type === 'MemberExpression') base = unwrap(base.object as Node);
  if (base?.type === 'CallExpression') return capturesSdk(ctx, base);
  if (base?.type !== 'Identifier') return false;
  const imp = ctx.importOf(base.name as string, base);
  if (imp !== undefined) return imp.source === 'aws-sdk' || imp.source.startsWith('aws-sdk/clients/');
  return xrayCapturedSdk(ctx, base);
}

/**
 * `const DynamoDB = offline ? AWS.DynamoDB : AWSXRay.captureAWS(AWS).DynamoDB`: a const whose every side
 * is the SDK or one of its members; the client is then built from the SDK whichever the condition picks.
 */
function chosenSdkAlias(ctx: ModuleContext, callee: Node): boolean {
  const root = rootIdentifier(callee);
  const b = root === undefined ? undefined : ctx.resolve(root, callee);
  const init = b?.kind === 'const' ? unwrap(b.init) : undefined;
  if (init?.type !== 'ConditionalExpression') return false;
  return sdkMember(ctx, init.consequent as Node) && sdkMember(ctx, init.alternate as Node);
}

/**
 * The SDK's classes that are no service client: a configuration (`new AWS.Config({ region })`, handed to
 * another library), an endpoint, a credential or token provider, a signer, a raw request, and the instance
 * metadata client (whose own default timeout is 1 s). None takes `httpOptions` for requests of its own.
 */
const NOT_A_CLIENT =
  /^(Config|Endpoint|HttpRequest|HttpResponse|MetadataService|Token|[A-Za-z]*Credentials|[A-Za-z]*TokenProvider)$/;

/** `AWS.Config`, `AWS.Signers.V4`: a class of the v2 SDK that sends no request of its own (see NOT_A_CLIENT). */
function notAClient(path: string[] | undefined): boolean {
  return path !== undefined && (NOT_A_CLIENT.test(path.at(-1) ?? '') || path.includes('Signers'));
}

/** The dotted name of the v2 client `callee` builds (`AWS.SNS`, `DynamoDB.DocumentClient`), if it is one. */
export function v2ClientName(ctx: ModuleContext, callee: Node): string | undefined {
  const path = memberPath(callee);
  if (notAClient(path)) return undefined;
  const imp = ctx.importRoot(callee);
  if (imp === undefined)
    return xrayCapturedSdk(ctx, callee) || chosenSdkAlias(ctx, callee) ? path?.join('.') : undefined;
  if (imp.source === 'aws-sdk' || imp.source.startsWith('aws-sdk/clients/')) return path?.join('.');
  return undefined;
}
