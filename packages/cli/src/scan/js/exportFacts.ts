// What a module offers its importers, read from its syntax tree: per export, the facts other modules'
// rules ask of it (an async function, an SDK client's options, a wrapper, an auth verifier or error class),
// (the names it re-exports are read in reExports.ts). Kept apart from analyzeModule.ts, which runs the rules.

import { answerFactGates, answerFacts } from './answerFacts.js';
import { isClass, isFunction, memberPath, returnsPromise, unwrap } from './ast.js';
import { asyncMethodsOf, asyncStaticsOf } from './asyncMethods.js';
import type { ExportFact } from './Candidate.js';
import { catchReached, catchWithin } from './catchReach.js';
import { authClassText, authStatusText, remoteMethodsOf } from './exportAuthFacts.js';
import { factoryFacts } from './factoryMade.js';
import { httpClientExport, reExportedClients } from './httpClientExports.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import { instanceClass, sdkInstance } from './memberClass.js';
import { objectMemberFacts } from './objectMembers.js';
import { optionPropsOf } from './optionProps.js';
import { returnsPending } from './pendingReturns.js';
import { functionCover, policyCover } from './protection.js';
import { verifierFact } from './rules/authAcrossModules.js';
import { settledImports } from './rules/authAwaitedImports.js';
import { authErrorClass } from './rules/authErrorClasses.js';
import { authErrorFactory } from './rules/authErrorFactories.js';
import { functionRemote } from './rules/authFunctionRemote.js';
import { objectRemoteMethods } from './rules/authObjectMethods.js';
import { rebrandFact } from './rules/authRebrands.js';
import { remoteVerifierMade } from './rules/authRemote.js';
import { localAdapter } from './rules/authSstAdapters.js';
import { batchArgFacts } from './rules/batchArgFacts.js';
import { decoderMembers } from './rules/batchDecoderMembers.js';
import { readsBatchEvent } from './rules/batchDecoders.js';
import { batchMethodsOf, batchResultOf, batchSends, mayBatch } from './rules/batchWrappers.js';
import { builderDlqKeys } from './rules/cdkBuiltFunctions.js';
import { queueSubclassWithoutDlq } from './rules/cdkQueueSubclasses.js';
import { clockDefaultParam } from './rules/clockDefaults.js';
import { dayLevelClock } from './rules/clockValues.js';
import { untimedGoogleClient } from './rules/googleApis.js';
import { untimedTimeoutArg } from './rules/httpClientClasses.js';
import { endedFailures } from './rules/importedEndsErrors.js';
import { definitionHandlers } from './rules/liftTsWorkers.js';
import { loggedFailures } from './rules/loggingDataLayer.js';
import { doesNothing } from './rules/noopCalls.js';
import { octokitReturn } from './rules/octokitClients.js';
import { presignExportFact } from './rules/presignHelpers.js';
import { randomReturn } from './rules/randomValues.js';
import { sdkSubclass } from './rules/sdkClients.js';
import { serverlessApiLimit } from './rules/serverlessTsImports.js';
import { settledOnReturn } from './rules/settledAsync.js';
import { stackAbsorbingFields } from './rules/sstConsumerGrants.js';
import { sstStackApiLimit } from './rules/sstFunctionDefaults.js';
import { sstV3QueueKind } from './rules/sstV3Subscriptions.js';
import { wrapperKeyFacts } from './rules/wrappedKeys.js';
import { sdkClientExports } from './sdkClientExports.js';
import { sdkNamespaceExports } from './sdkNamespaceExports.js';
import { optionsShape, returnFact, TIMEOUT_KEYS } from './sdkOptions.js';
import { spellsSstConstructs } from './sstConstructs.js';
import { lastTextMemo } from './textMemo.js';
import { forwardedParam, wrappedOptions } from './wrappedReturns.js';

/** Words of a random or clock call, the cheap test before randomReturn reads a function's returns. */
const RANDOMISH = /Date\.now|random|uuid|v4|nanoid|ulid|cuid|[iI]d\(/;

/** A date library imported: its clock is called by whatever local name the import gives it (randomValues.ts). */
const CLOCK_IMPORT = /['"](moment|moment-timezone|dayjs|luxon)['"]/;

/** Words of an AWS SDK import, asked once per module before any export is read as an SDK client. */
const awsText = lastTextMemo((text) => text.includes('aws-sdk'));

/**
 * A module with a catch that throws: only there can a function log its failures and rethrow them. Asked
 * once per module however many exports it has.
 */
const logsText = lastTextMemo((text) => {
  // `/catch[\s\S]*throw/` without its backtracking, quadratic in a text of many catches and no throw.
  const at = text.indexOf('catch');
  return at !== -1 && text.lastIndexOf('throw') >= at + 'catch'.length;
});

/** A fact with nothing provided, no wrapper chain and no promise: the base most non-function exports start from. */
function bare(extra: Partial<ExportFact>): ExportFact {
  return { provides: [], via: [], async: false, ...extra };
}

/** Adds `extra` to what `name` already has (or to a bare fact): later readings refine earlier ones. */
function add(facts: Record<string, ExportFact>, name: string, extra: Partial<ExportFact>): void {
  facts[name] = { ...(facts[name] ?? bare({})), ...extra };
}

/** Facts per exported name, for the project pass (project.ts) to answer importers with. */
export function exportFacts(ctx: ModuleContext): Record<string, ExportFact> {
  const facts: Record<string, ExportFact> = {};
  const sends = ctx.exports.size > 0 && mayBatch(ctx.source) ? batchSends(ctx) : [];
  const catches = ctx.exports.size > 0 && ctx.spells('catch');
  const onError = ctx.spells('onError');
  const answerGates = answerFactGates(ctx);
  // A member reads a batch only where `Records` is spelled, and hands its event on only to a project
  // import (rules/batchDecoderMembers.ts): no word of the parameter's name is asked for.
  const decoderGate = {
    reads: ctx.exports.size > 0 && ctx.spells('Records'),
    forwards: ctx.exports.size > 0 && [...ctx.imports.values()].some((i) => mayBeProjectSource(i.source)),
  };
  for (const [name, value] of ctx.exports) {
    const v = unwrap(value);
    if (v === undefined) continue;
    const wrapper = ctx.eventSourceWrappers.get(v);
    if (isFunction(v)) {
      const cover = functionCover(ctx, v);
      const options = returnFact(ctx, v);
      const verifier = verifierFact(ctx, v);
      // What a catch answering 401/403 around this function (in another module) depends on.
      const remote = functionRemote(ctx, v);
      // Awaiting another module's function that does (`await runQuery(q)`): asked there by the project pass.
      const through =
        remote === undefined && returnsPromise(v) && authClassText(ctx.source) ? settledImports(ctx, v) : [];
      // Rebranding every failure of remote work as one message (`throw new Error('Authentication failed')`).
      const rebrand =
        catches && returnsPromise(v) && authClassText(ctx.source) ? rebrandFact(ctx, v) : undefined;
      const batchResult = sends.length > 0 ? batchResultOf(ctx, v, sends) : undefined;
      // A clock or id helper (`return Math.floor(Date.now() / 1000)`): a key built from its answer is random.
      const made =
        RANDOMISH.test(ctx.source.slice(v.start, v.end)) || CLOCK_IMPORT.test(ctx.source)
          ? randomReturn(ctx, v)
          : undefined;
      const random = made !== undefined;
      // Or only when a call omits the time (`at = Date.now()`, `at || Date.now()`): decided per call.
      const clockParam =
        !random && v.params.length > 0 && RANDOMISH.test(ctx.source.slice(v.start, v.end))
          ? clockDefaultParam(ctx, v)
          : undefined;
      const forwards = v.params.length > 0 ? forwardedParam(ctx, v) : undefined;
      const batchEvent = ctx.spells('Records') && readsBatchEvent(ctx, v);
      facts[name] = {
        provides: [...cover.kinds],
        via: cover.via,
        // A bare call of an export whose promise is settled on return floats nothing (rules/settledAsync.ts).
        async: (returnsPromise(v) || returnsPending(ctx, v)) && !settledOnReturn(v),
        ...(options !== undefined ? { options } : {}),
        ...(verifier !== undefined ? { verifier } : {}),
        ...(remote !== undefined ? { remote } : {}),
        ...(through.length > 0 ? { remoteThrough: through } : {}),
        ...(rebrand !== undefined ? { rebrand } : {}),
        ...(batchResult !== undefined ? { batchResult } : {}),
        ...(random ? { randomReturn: true as const } : {}),
        ...(clockParam !== undefined ? { randomWhenOmitted: clockParam } : {}),
        ...(random && dayLevelClock(ctx, made) ? { randomDayOnly: true as const } : {}),
        ...(forwards !== undefined ? { forwards } : {}),
        ...(batchEvent ? { batchEvent: true as const } : {}),
        ...batchArgFacts(ctx, v),
        // A helper building the 401/403 answer (`error.status = 401; return error`): raised like a class.
        ...(authStatusText(ctx.source) && authErrorFactory(ctx, v) ? { authError: true } : {}),
        ...(wrapper !== undefined ? { eventSource: wrapper } : {}),
        // A route helper spreading an option into the function it routes (rules/cdkRouteHelpers.ts).
        ...(ctx.apiRouteProps.has(v) ? { apiRoutes: ctx.apiRouteProps.get(v) ?? {} } : {}),
      };
    } else if (wrapper !== undefined) {
      facts[name] = bare({ eventSource: wrapper });
    } else if (sends.length > 0 && batchMethodsOf(ctx, v, sends) !== undefined) {
      const batchMethods = batchMethodsOf(ctx, v, sends);
      facts[name] = bare({ ...(batchMethods ? { batchMethods } : {}) });
    } else if (isClass(v) && ctx.apiRouteProps.has(v)) {
      facts[name] = bare({ apiRoutes: ctx.apiRouteProps.get(v) ?? {} });
    } else if (isClass(v) && untimedTimeoutArg(ctx, v) !== undefined) {
      const httpTimeoutArg = untimedTimeoutArg(ctx, v) as number;
      facts[name] = bare({ httpTimeoutArg });
    } else if (isClass(v) && sdkSubclass(ctx, v) !== undefined) {
      const sub = sdkSubclass(ctx, v) as NonNullable<ReturnType<typeof sdkSubclass>>;
      facts[name] = bare({ sdkSubclass: sub });
    } else if (isClass(v) && queueSubclassWithoutDlq(ctx, v)) {
      facts[name] = bare({ queueSubclass: true });
    } else if (isClass(v) && authStatusText(ctx.source) && authErrorClass(ctx, v)) {
      facts[name] = bare({ authError: true });
    } else if (onError && v.type === 'CallExpression' && localAdapter(ctx, v)) {
      facts[name] = bare({ localAdapter: true });
    } else if (
      v.type === 'ObjectExpression' ||
      v.type === 'ConditionalExpression' ||
      v.type === 'LogicalExpression'
    ) {
      // An options object other modules spread into SDK clients (`new S3Client({ ...clientConfig })`), or
      // one of two by environment (`isLocal ? { endpoint, credentials } : {}`).
      const shape = optionsShape(ctx, v, 1);
      const optionProps = optionPropsOf(ctx, v);
      if (shape.deferred.length === 0)
        facts[name] = {
          provides: [],
          via: [],
          async: false,
          options: { timeout: TIMEOUT_KEYS.some((k) => shape.props.has(k)), unknown: shape.unknown },
          ...(optionProps !== undefined ? { optionProps } : {}),
        };
    } else if (v.type === 'CallExpression' && memberPath(v.callee) !== undefined) {
      const cover = policyCover(ctx, v);
      // `export const awsConfig = getAwsConfig('membership')`: options a module-local helper builds.
      const shape = optionsShape(ctx, v, 1);
      const options =
        shape.deferred.length === 0 && !shape.unknown
          ? { timeout: TIMEOUT_KEYS.some((k) => shape.props.has(k)), unknown: false }
          : wrappedOptions(ctx, v);
      const optionProps = options === undefined ? optionPropsOf(ctx, v) : undefined;
      facts[name] = {
        provides: [...cover.kinds],
        via: cover.via,
        async: false,
        ...(options !== undefined ? { options } : {}),
        ...(optionProps !== undefined ? { optionProps } : {}),
      };
    }
    // What the function (or an object's methods) answers its callers (answerFacts.ts).
    const answered = answerFacts(ctx, v, answerGates);
    if (answered !== undefined) add(facts, name, answered);
    const httpClient = isFunction(v) ? undefined : httpClientExport(ctx, v);
    if (httpClient !== undefined) add(facts, name, { httpClient });
    const google = isFunction(v) ? untimedGoogleClient(ctx, v) : undefined;
    if (google !== undefined) add(facts, name, { googleClient: google });
    const octokit = isFunction(v) ? octokitReturn(ctx, v) : undefined;
    if (octokit !== undefined) add(facts, name, { octokitReturn: octokit });
    // A controller's dto or model class, or an object of functions, decoding a queue event (rules/batchDecoderMembers.ts).
    const decoders =
      !isFunction(v) && (decoderGate.reads || decoderGate.forwards)
        ? decoderMembers(ctx, v, decoderGate)
        : undefined;
    if (decoders !== undefined) add(facts, name, decoders);
    // A Serverless function definition (`export default { handler, events: [{ http }] }`) for serverless.ts.
    const apiLimit =
      v.type === 'ObjectExpression' && ctx.spells('events') ? serverlessApiLimit(ctx, v) : undefined;
    if (apiLimit !== undefined) add(facts, name, { serverlessApi: apiLimit });
    // The handler a definition names, for a Lift worker built from it in serverless.ts (rules/liftTsWorkers.ts).
    const handlers = ctx.spells('handler') ? definitionHandlers(ctx, unwrap(ctx.valueOf(v)) ?? v) : undefined;
    if (handlers !== undefined) add(facts, name, { serverlessHandlers: handlers });
    // An SST stack function (or SST v1 stack class) whose API routes take the app's function defaults
    // (rules/sstFunctionDefaults.ts).
    const stack = isFunction(v) || v.type === 'ClassDeclaration' || v.type === 'ClassExpression';
    const sstApi = stack && spellsSstConstructs(ctx) ? sstStackApiLimit(ctx, v) : undefined;
    if (sstApi !== undefined) add(facts, name, { sstApi });
    const sstAbsorbingFields = stack && spellsSstConstructs(ctx) ? stackAbsorbingFields(ctx, v) : undefined;
    if (sstAbsorbingFields !== undefined) add(facts, name, { sstAbsorbingFields });
    // An SST v3 queue subscribed to in another module (rules/sstV3QueueConcurrency.ts).
    const sstQueue = ctx.spells('sst.aws.Queue') ? sstV3QueueKind(ctx, ctx.valueOf(v) ?? v, name) : undefined;
    if (sstQueue !== undefined) add(facts, name, { sstQueue });
    // `export { stsClient }`, `export const auth = CognitoJwtVerifier.create(...)`: what importers await on it
    // is remote (rules/auth.ts asks).
    const remoteClient = isFunction(v)
      ? undefined
      : awsText(ctx.source) && sdkInstance(ctx, v)
        ? 'AWS'
        : authClassText(ctx.source) && remoteVerifierMade(ctx, v)
          ? 'the JWKS endpoint'
          : undefined;
    if (remoteClient !== undefined) add(facts, name, { remoteClient });
    // A project helper building a CDK Lambda function: what its callers can hand it for failures.
    const dlqKeys = isFunction(v) && ctx.spells('aws-cdk') ? builderDlqKeys(ctx, v) : undefined;
    if (dlqKeys !== undefined) add(facts, name, { functionBuilder: { dlqKeys } });
    // A data layer that logs each failure and rethrows it (rules/loggingDataLayer.ts).
    const logsFailures = logsText(ctx.source) && catchWithin(ctx, v) ? loggedFailures(ctx, v) : undefined;
    if (logsFailures !== undefined) add(facts, name, { logsFailures });
    const endsFailures = catchReached(ctx, v) ? endedFailures(ctx, v) : undefined;
    if (endsFailures !== undefined) add(facts, name, { endsFailures });
    // A helper switched off (`return;` first): a catch calling it only logs (rules/noopCalls.ts).
    if (isFunction(v) && doesNothing(v)) add(facts, name, { doesNothing: true });
    const presigns = presignExportFact(ctx, v);
    if (presigns !== undefined) add(facts, name, { presigns });
    const asyncMethods = asyncMethodsOf(ctx, v);
    if (asyncMethods !== undefined) add(facts, name, { asyncMethods });
    const asyncStatics = asyncStaticsOf(ctx, v);
    if (asyncStatics !== undefined) add(facts, name, { asyncStatics });
    // An object of functions (`export const Bus = { send }`): its members are its methods.
    const members = asyncMethods === undefined && !isFunction(v) ? objectMemberFacts(ctx, v) : undefined;
    if (members !== undefined) add(facts, name, members);
    // A class, or a singleton made from one (`export const jwtAdapter = new JwtAdapter()`).
    const made = asyncMethods === undefined ? instanceClass(ctx, v) : undefined;
    const singletonAsync = made === undefined ? undefined : asyncMethodsOf(ctx, made);
    // An object of methods is asked in any module: a data layer need not spell an auth word (authObjectMethods.ts).
    const remote =
      made === undefined && asyncMethods === undefined
        ? objectRemoteMethods(ctx, v)
        : !authClassText(ctx.source)
          ? {}
          : made !== undefined
            ? remoteMethodsOf(ctx, made, singletonAsync ?? [])
            : remoteMethodsOf(ctx, v, asyncMethods ?? []);
    if (remote.remoteMethods !== undefined || remote.remoteVia !== undefined) add(facts, name, remote);
    // A singleton's async methods (`export const users = new Users()`): an importer's `users.save(x)` floats.
    if (singletonAsync !== undefined) add(facts, name, { asyncMethods: singletonAsync });
    const factory = factoryFacts(ctx, v);
    if (factory !== undefined) add(facts, name, factory);
    // A wrapper a caller's random argument or call becomes a deduplication key through (rules/wrappedKeys.ts).
    const keyFacts = wrapperKeyFacts(ctx, v, made ?? (isClass(v) ? undefined : instanceClass(ctx, v)));
    if (keyFacts !== undefined) add(facts, name, keyFacts);
  }
  for (const [name, httpClient] of reExportedClients(ctx)) add(facts, name, { httpClient });
  // An SDK client class passed on as is: its importers' `new X(options)` hand argument 0 to the SDK.
  for (const [name, base] of sdkClientExports(ctx)) add(facts, name, { sdkSubclass: { base, arg: 0 } });
  for (const name of sdkNamespaceExports(ctx)) add(facts, name, { sdkNamespace: true });
  return facts;
}
