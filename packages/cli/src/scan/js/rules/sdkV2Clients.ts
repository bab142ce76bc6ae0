// Which `new` builds an aws-sdk v2 client: `new AWS.SNS()` of the imported SDK, the SDK instrumented by
// X-Ray under another name, and a class alias chosen at run time between the two
// (`const DynamoDB = offline ? AWS.DynamoDB : AWSXRay.captureAWS(AWS).DynamoDB`), which still builds an
// SDK client whichever side is taken.
import { calleeName, memberPath, type Node, objectProps, rootIdentifier, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { requiredSpecifier } from '../moduleSpecifier.js';

/** `captureAWS(AWS)` of the SDK imported here, or `captureAWS(require('aws-sdk'))`. */
export function capturesSdk(ctx: ModuleContext, init: Node | undefined): boolean {
  if (init?.type !== 'CallExpression' || calleeName(init) !== 'captureAWS') return false;
  const arg = unwrap(init.arguments[0] as Node | undefined);
  if (arg?.type === 'Identifier') return ctx.importOf(arg.name as string, arg)?.source === 'aws-sdk';
  return requiredSpecifier(arg) === 'aws-sdk';
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
 * The SDK's classes that send no request of their own: a configuration (`new AWS.Config({ region })`, handed
 * to another library), an endpoint, a raw request, static or file/env/process credentials, a static token,
 * a signer, the DynamoDB converter. The providers that call STS, Cognito or IMDS (ChainableTemporaryCredentials, WebIdentity-,
 * CognitoIdentityCredentials, MetadataService, whose own httpOptions default to no timeout) are clients.
 */
const NOT_A_CLIENT =
  /^(Config|Endpoint|HttpRequest|HttpResponse|Credentials|EnvironmentCredentials|SharedIniFileCredentials|FileSystemCredentials|ProcessCredentials|Token|StaticTokenProvider|Converter)$/;

/** `AWS.Config`, `AWS.Signers.V4`: a class of the v2 SDK that sends no request of its own (see NOT_A_CLIENT). */
export function notAClient(path: string[] | undefined): boolean {
  return path !== undefined && (NOT_A_CLIENT.test(path.at(-1) ?? '') || path.includes('Signers'));
}

/**
 * The options that configure the client a credential provider builds: its own options are the STS call's
 * parameters, so `httpOptions` there bound nothing (aws-sdk lib/credentials/*.js).
 *
 * @example
 * v2ClientOptions(ctx, 'AWS.ChainableTemporaryCredentials', node) // the `stsConfig` value
 */
export function v2ClientOptions(ctx: ModuleContext, name: string, node: Node): Node | undefined {
  const last = name.split('.').at(-1);
  const args = node.arguments as Node[];
  if (last === 'ChainableTemporaryCredentials')
    return objectProps(ctx.valueOf(args[0]))?.props.get('stsConfig');
  if (last === 'WebIdentityCredentials' || last === 'CognitoIdentityCredentials') return args[1];
  return args[0];
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
