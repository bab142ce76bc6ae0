// sdk-client-no-timeout: AWS SDK v3 clients without a request handler that bounds requests (and
// `requestTimeout` without `throwOnRequestTimeout`, which only warns), and v2 clients without httpOptions.
import { isBooleanLiteral, memberPath, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import { isCastOrParen } from '../heldIn.js';
import type { ModuleContext } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { onlyPresigns } from '../presignOnly.js';
import { type OptionsShape, optionsShape } from '../sdkOptions.js';
import { boundedBySignal } from '../sdkSignal.js';
import { unreadClient } from '../unreadClients.js';
import { mayBeWorkspaceImport } from '../workspaceImports.js';
import { extendedSqsClient, mentionsExtendedSqs } from './extendedSqsClient.js';
import { MIDDY_CLIENT_IMPORT, middyClient } from './middyClients.js';
import type { Extra, Report, Rule } from './Report.js';
import { fixedDelay } from './retryPolicies.js';
import { v3Client } from './sdkClients.js';
import { paramFedCondition, paramFedMessage, paramFedOptions } from './sdkParamOptions.js';
import { reexportedV2Client } from './sdkReexports.js';
import { v2ClientName, v2ClientOptions } from './sdkV2Clients.js';
import { memberSdkClientName } from './sdkV2Members.js';
import { judgedThroughService, secondOfDynamoPair } from './sharedDynamoOptions.js';
import { thirdPartyClient } from './thirdPartyClients.js';

/** What is wrong with a v3 request handler value; undefined when it bounds requests (or is not visible). */
function handlerProblem(ctx: ModuleContext, handler: Node | undefined): string | undefined {
  if (handler === undefined)
    return 'has no requestHandler, so requests have no connection or request timeout';
  const v = ctx.valueOf(handler);
  let options: Node | undefined;
  if (
    v?.type === 'NewExpression' ||
    (v?.type === 'CallExpression' && memberPath(v.callee)?.at(-1) === 'create')
  ) {
    options = v.arguments[0];
    if (options === undefined) return 'uses a request handler with no timeouts';
  } else if (v?.type === 'ObjectExpression') options = v;
  else return undefined;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return undefined;
  // `socketTimeout` rejects the request with a TimeoutError once the socket idles that long, in every
  // version: @smithy/node-http-handler before 4.4.0 (and @aws-sdk/node-http-handler) read it as the
  // deprecated name of `requestTimeout` (`requestTimeout ?? socketTimeout`, then `setSocketTimeout`, which
  // destroys the request and rejects); 4.4.0 made it its own idle timeout again, still rejecting
  // (set-socket-timeout.ts), while `requestTimeout` alone only warns there (set-request-timeout.ts).
  if (props.props.has('socketTimeout')) return undefined;
  const hasRequest = props.props.has('requestTimeout');
  const hasConnection = props.props.has('connectionTimeout');
  if (!hasRequest && !hasConnection) return 'uses a request handler with no timeouts';
  if (!hasRequest) return 'sets only connectionTimeout, so a request that connected can hang';
  if (!isBooleanLiteral(props.props.get('throwOnRequestTimeout'), true))
    return v.type === 'ObjectExpression' ? REQUEST_TIMEOUT_WARNS : OWN_HANDLER_TIMEOUT_WARNS;
  return undefined;
}

/** Version-dependent: settled against the module's lockfile (handlerVersions.ts). */
const REQUEST_TIMEOUT_WARNS =
  'sets requestTimeout without throwOnRequestTimeout: true, which only logs a warning and keeps waiting (@smithy/node-http-handler 4.4.0 on)';
/** The same for a handler the module builds, settled against the copy its own import installs. */
const OWN_HANDLER_TIMEOUT_WARNS =
  'builds a NodeHttpHandler with requestTimeout but no throwOnRequestTimeout: true, which only logs a warning and keeps waiting (@smithy/node-http-handler 4.4.0 on)';

/** The candidate's lockfile condition for a version-dependent problem (keepCandidate.ts). */
function versionCondition(
  problem: string | undefined,
): { onlyIfRequestTimeoutWarns: true | 'own' } | undefined {
  if (problem === REQUEST_TIMEOUT_WARNS) return { onlyIfRequestTimeoutWarns: true };
  if (problem === OWN_HANDLER_TIMEOUT_WARNS) return { onlyIfRequestTimeoutWarns: 'own' };
  return undefined;
}

/**
 * The client is handed to a Bulwark dependency (`dep.protect(new DynamoDBClient({}))`, or a variable
 * holding it passed to `.protect(...)`): its requests then run under the dependency's attempt timeout,
 * retry and breaker, with the SDK's own retries replaced.
 */
function isProtected(ctx: ModuleContext, node: Node): boolean {
  const { node: outer, parent } = ctx.climb(node, isCastOrParen);
  if (
    parent?.type === 'CallExpression' &&
    memberPath(parent.callee)?.at(-1) === 'protect' &&
    (parent.arguments as Node[])[0] === outer
  )
    return true;
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return false;
  const name = (parent.id.name as string).replace(/[$]/g, '\\$');
  return new RegExp(`\\.protect\\(\\s*${name}\\s*[,)]`).test(ctx.source);
}

/** Reports, or hands the project pass a candidate kept only if the imported helpers set no timeout. */
function reportShape(
  report: Report,
  node: Node,
  shape: OptionsShape,
  problem: string | undefined,
  message: string,
  extra: Extra = {},
): void {
  if (problem === undefined) return;
  const versioned = { ...(versionCondition(problem) ?? {}), ...extra };
  if (shape.deferred.length === 0) report('sdk-client-no-timeout', node, message, versioned);
  else
    report('sdk-client-no-timeout', node, message, {
      ...versioned,
      onlyIfOptionsUntimed: shape.deferred.map((d) => ({
        ref: d.ref,
        argSeen: d.argSeen,
        ...(d.prop !== undefined ? { prop: d.prop } : {}),
      })),
    });
}

/**
 * Attempts no caller can wait out: the v3 SDK backs off up to 20 s between attempts, so 50 attempts are
 * already a quarter of an hour of retrying a call that keeps failing (the default is 3).
 */
const MAX_SDK_ATTEMPTS = 50;

function attemptsRule(
  ctx: ModuleContext,
  report: Report,
  node: Node,
  client: string,
  shape: OptionsShape,
  key: 'maxAttempts' | 'maxRetries',
): void {
  const attempts = numberValue(ctx.valueOf(shape.props.get(key)));
  if (attempts === undefined || attempts < MAX_SDK_ATTEMPTS) return;
  report(
    'retry-unbounded',
    node,
    `${client} ${key} ${Number.isFinite(attempts) ? attempts : 'Infinity'}: the SDK keeps retrying a failing call for as long as the caller waits (up to 20 s between attempts)`,
  );
}

/**
 * aws-sdk v2 `retryDelayOptions: { customBackoff: (retryCount) => 1000 * retryCount }`: the function replaces
 * the SDK's jittered default (`Math.random() * 2^n * base`), so a fixed one retries every caller in step.
 */
function customBackoffRule(ctx: ModuleContext, report: Report, client: string, shape: OptionsShape): void {
  const delays = objectProps(ctx.valueOf(shape.props.get('retryDelayOptions')));
  const backoff = delays?.props.get('customBackoff');
  if (backoff === undefined || !fixedDelay(ctx, backoff)) return;
  report(
    'retry-no-jitter',
    backoff,
    `aws-sdk v2 ${client} retryDelayOptions.customBackoff has no jitter: it replaces the SDK's randomized backoff`,
  );
}

/**
 * `new IsbEventBridgeClient(props, { customUserAgent })` with the class imported from the project: a
 * candidate kept by the project pass only if that class extends an SDK client and hands `super` one of
 * the arguments whose options are seen in full without timeouts, or is the SDK's own class a workspace
 * package passes on (`export { EventBridgeClient }`, js/sdkClientExports.ts), whose options are argument 0.
 */
function importedSubclass(ctx: ModuleContext, report: Report, node: Node): void {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier' || !/Client$/.test(callee.name as string)) return;
  const imp = ctx.importOf(callee.name as string, callee);
  // A sibling module's class or a workspace package's (`@acme/aws`): the project pass resolves either.
  if (imp === undefined || !mayBeWorkspaceImport(imp.source)) return;
  const args = node.arguments as Node[];
  const untimedArgs: number[] = [];
  for (let i = 0; i <= args.length; i++) {
    const shape = optionsShape(ctx, args[i]);
    if (shape.unknown || shape.deferred.length > 0) continue;
    if (handlerProblem(ctx, shape.props.get('requestHandler')) !== undefined) untimedArgs.push(i);
  }
  if (untimedArgs.length === 0) return;
  report(
    'sdk-client-no-timeout',
    node,
    `${callee.name as string} is (or extends) an AWS SDK client and is built without a request handler that bounds requests`,
    {
      onlyIfImportSdkSubclass: {
        ref: { from: ctx.file, source: imp.source, name: imp.imported },
        untimedArgs,
      },
    },
  );
}

export const sdkRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (offServicePath(ctx)) return; // a load generator or a command-line program: its runner watches it
  // The plain-text checks first: a regular expression with a bounded gap is slow on every large file.
  const v2GlobalTimeout =
    ctx.spells('httpOptions') && /config\.update\(\s*\{[\s\S]{0,200}httpOptions/.test(ctx.source);
  const mayProtect = ctx.spells('.protect(');
  const maySignal = ctx.spells('abortSignal');
  const mayThirdParty = ctx.spells('@slack/web-api');
  const mayMemberSdk = ctx.spells('this.AWS.');
  const mayExtendedSqs = mentionsExtendedSqs((w) => ctx.spells(w));
  // `Presigne`: createPresignedPost / S3RequestPresigner; a request built by util-create-request is presigned too.
  const mayPresign =
    ctx.spells('getSignedUrl') || ctx.spells('Presigne') || ctx.spells('util-create-request');
  const reportedV2 = new Set<Node>(); // for the DocumentClient / raw DynamoDB fold
  for (const node of ctx.of('NewExpression')) {
    const callee = node.callee as Node;
    if (mayProtect && isProtected(ctx, node)) continue;
    const client = v3Client(ctx, node);
    const v3 = client?.name;
    let v2 =
      v3 === undefined && !v2GlobalTimeout
        ? (v2ClientName(ctx, callee) ?? (mayMemberSdk ? memberSdkClientName(ctx, callee) : undefined))
        : undefined;
    // `new AWS.S3()` of a project module that passes the SDK on: kept if it does (rules/sdkReexports.ts).
    const passed =
      v3 === undefined && v2 === undefined && !v2GlobalTimeout ? reexportedV2Client(ctx, callee) : undefined;
    if (passed !== undefined) v2 = passed.name;
    if (v3 === undefined && v2 === undefined) {
      importedSubclass(ctx, report, node);
      if (mayThirdParty) thirdPartyClient(ctx, report, node);
      if (mayExtendedSqs) extendedSqsClient(ctx, report, node);
      continue;
    }
    const shape = optionsShape(
      ctx,
      client !== undefined ? client.options : v2ClientOptions(ctx, v2 as string, node),
    );
    if (passed === undefined) {
      attemptsRule(
        ctx,
        report,
        node,
        v3 ?? `aws-sdk v2 ${v2}`,
        shape,
        v3 !== undefined ? 'maxAttempts' : 'maxRetries',
      );
      if (v2 !== undefined) customBackoffRule(ctx, report, v2, shape);
    }
    // Options out of sight only through the callers' parameters: judged by the package's text (sdkParamOptions.ts).
    const fed = shape.unknown && v3 !== undefined && paramFedOptions(ctx, client?.options);
    if (shape.unknown && !fed) continue;
    if (maySignal && boundedBySignal(ctx, node)) continue;
    if (mayPresign && onlyPresigns(ctx, node)) continue;
    // A client the module neither reads nor exports sends nothing.
    if (unreadClient(ctx, node)) continue;
    if (fed) {
      const condition = paramFedCondition(ctx, node);
      if (condition !== undefined)
        report('sdk-client-no-timeout', node, paramFedMessage(v3 as string), condition);
    } else if (v3 !== undefined) {
      const problem = handlerProblem(ctx, shape.props.get('requestHandler'));
      reportShape(report, node, shape, problem, `${v3} ${problem}`);
      continue;
    }
    // `new AWS.DynamoDB.DocumentClient({ service })` sends through that service client: when it is built
    // here, that is the client judged, at its own line (one not seen is reported at this line).
    // A local emulator's side bounded and the deployed side not: the deployed side is judged (untimedSide.ts).
    const judged = shape.untimedSide?.shape ?? shape;
    if (judgedThroughService(ctx, judged.props.get('service'))) continue;
    // One options object shared by a DocumentClient and its raw DynamoDB client: one finding.
    if (v2 !== undefined && secondOfDynamoPair(ctx, node, v2, reportedV2)) continue;
    const httpNode = judged.props.get('httpOptions');
    const http = objectProps(ctx.valueOf(httpNode));
    if (http !== undefined && (http.spread || http.props.has('timeout'))) continue;
    if (httpNode !== undefined && http === undefined) continue;
    reportShape(
      report,
      node,
      shape,
      'no httpOptions.timeout',
      `aws-sdk v2 ${v2} has no httpOptions.timeout (the default waits up to 2 minutes)`,
      passed === undefined ? {} : { onlyIfImportSdkNamespace: passed.ref },
    );
    reportedV2.add(node);
  }
  if (ctx.spells('@middy/') && MIDDY_CLIENT_IMPORT.test(ctx.source))
    for (const call of ctx.of('CallExpression'))
      middyClient(ctx, report, call, (h) => handlerProblem(ctx, h), versionCondition);
};
