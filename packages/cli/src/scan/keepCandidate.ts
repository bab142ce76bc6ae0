// Settling a candidate finding against other files: each `onlyIf...`/`unless...` condition a rule put on
// a candidate (js/Candidate.ts) is answered here through the project's cross-module facts. A candidate is
// kept only if every condition it carries still holds once those files are read.

import { batchImportSettles } from './batchImportSettles.js';
import { handsBatchToWorker } from './batchWorkerHandOff.js';
import { onlyCallbackEraReach } from './callbackEraCallers.js';
import { callerOmitsTimeout } from './callerTimeoutArgs.js';
import { cliOnly } from './cliImporters.js';
import { fieldBuilt, fieldRouted, fieldTargeted } from './constructFields.js';
import { resultDropped } from './droppedResults.js';
import { messageGroupsConstant } from './fifoGroups.js';
import { globalMemberAsync } from './globalMembers.js';
import { importedAnswersUnmet } from './importedAnswers.js';
import { behindApi, importRouted } from './importedApiLimits.js';
import { readsBatchThrough } from './importedBatchDecoders.js';
import { importsBatchAnswerMethod } from './importedBatchMethods.js';
import { importsEndFailures } from './importedEnds.js';
import { importsDoNothing, importsLog } from './importedLogs.js';
import { importedOctokitUntimed } from './importedOctokit.js';
import { importsPresign } from './importedPresigns.js';
import {
  authGated,
  importAuthError,
  importLocalAdapters,
  importRebrand,
  importRemote,
  verifierRemote,
} from './importedRemotes.js';
import { importSdkNamespace } from './importedSdk.js';
import { sstAppUnmet } from './importedSstQueues.js';
import type { Candidate, ModuleFacts } from './js/Candidate.js';
import { mayCallHttp } from './js/ruleGate.js';
import { batchAnswerUnread } from './js/rules/batchDataReads.js';
import { callersOmit } from './js/rules/cdkPassedProps.js';
import { unsafeUse } from './js/rules/cdkWrappers.js';
import { timeoutArgLeftOut } from './js/rules/httpClientClasses.js';
import { SST_CONSTRUCT_SOURCES } from './js/sstConstructs.js';
import { callersDecide } from './methodCallers.js';
import { packageSdkUntimed } from './packageSdkTimeouts.js';
import { paramAlwaysAsync } from './passedAsyncCallers.js';
import type { Project } from './project.js';
import { projectClientsUntimed } from './projectClients.js';
import { optionsFrom } from './projectOptions.js';
import { invocationUnmet, linkSettled } from './templateSettles.js';
import { typedMethodAsync } from './typedMethods.js';
import { unreachedCode } from './unreachedCode.js';
import { batchCallerKept } from './wrapperCalls.js';

/** Keeps a candidate unless another file settles it. */
/** Client timeouts, which a command-line program's runner watches (cliImporters.ts). */
const CLIENT_TIMEOUT_RULES = new Set(['sdk-client-no-timeout', 'http-no-timeout']);

export function keepCandidate(project: Project, file: string, c: Candidate): boolean {
  if (CLIENT_TIMEOUT_RULES.has(c.rule) && cliOnly(project, file)) return false;
  if (c.unlessImportProvides !== undefined) {
    const { kind, imports } = c.unlessImportProvides;
    if (imports.some((ref) => project.provides(ref, kind))) return false;
  }
  if (c.onlyIfImportAsync !== undefined && !project.isAsync(c.onlyIfImportAsync)) return false;
  if (c.unlessImportAsync !== undefined && project.isAsync(c.unlessImportAsync)) return false;
  if (c.onlyIfGlobalAsync !== undefined && !globalMemberAsync(project, c.onlyIfGlobalAsync)) return false;
  if (c.onlyIfTypedAsync !== undefined && !typedMethodAsync(project, c.onlyIfTypedAsync)) return false;
  if (c.onlyIfParamAsync !== undefined && !paramAlwaysAsync(project, file, c.onlyIfParamAsync)) return false;
  if (c.onlyIfWrapperUnsafe !== undefined) {
    const { ref, literals } = c.onlyIfWrapperUnsafe;
    const wrapper = project.wrapperOf(ref);
    if (wrapper === undefined || unsafeUse(wrapper, literals) !== true) return false;
  }
  if (c.onlyIfWrapperUncapped !== undefined && project.wrapperOf(c.onlyIfWrapperUncapped)?.uncapped !== true)
    return false;
  if (c.onlyIfOptionsUntimed?.some((d) => optionsFrom(project, d) === 'timed')) return false;
  if (
    c.onlyIfRequestTimeoutWarns !== undefined &&
    !project.lockedHandlers.requestTimeoutWarns(file, c.onlyIfRequestTimeoutWarns === 'own')
  )
    return false;
  if (c.onlyIfImportVerifier !== undefined && verifierRemote(project, c.onlyIfImportVerifier) === undefined)
    return false;
  if (
    c.onlyIfImportBatchResult !== undefined &&
    !batchAnswerUnread(c.onlyIfImportBatchResult, project.importBatchResult(c.onlyIfImportBatchResult))
  )
    return false;
  if (c.unlessBatchCallerKept !== undefined && batchCallerKept(project, file, c.unlessBatchCallerKept))
    return false;
  if (c.onlyIfImportRemote !== undefined && importRemote(project, c.onlyIfImportRemote) === undefined)
    return false;
  if (c.onlyIfImportAuthError !== undefined && !importAuthError(project, c.onlyIfImportAuthError))
    return false;
  if (c.unlessImportLocalAdapter !== undefined && importLocalAdapters(project, c.unlessImportLocalAdapter))
    return false;
  if (c.onlyIfAuthGated !== undefined && !authGated(project, file, c.onlyIfAuthGated)) return false;
  if (c.onlyIfImportRebrands !== undefined && importRebrand(project, c.onlyIfImportRebrands) === undefined)
    return false;
  if (c.onlyIfImportSdkSubclass !== undefined) {
    const { ref, untimedArgs } = c.onlyIfImportSdkSubclass;
    const target = project.resolveModule(ref.from, ref.source);
    const sub = target === undefined ? undefined : project.exportFact(target, ref.name)?.sdkSubclass;
    if (sub === undefined || sub.arg === null || !untimedArgs.includes(sub.arg)) return false;
  }
  if (c.onlyIfImportSdkNamespace !== undefined && !importSdkNamespace(project, c.onlyIfImportSdkNamespace))
    return false;
  // What an imported function answers (importedAnswers.ts).
  if (importedAnswersUnmet(project, c)) return false;
  if (c.unlessImportsLog !== undefined && importsLog(project, c.unlessImportsLog)) return false;
  if (c.onlyIfImportsDoNothing !== undefined && !importsDoNothing(project, c.onlyIfImportsDoNothing))
    return false;
  if (c.unlessImportsEnd !== undefined && importsEndFailures(project, c.unlessImportsEnd)) return false;
  if (c.unlessImportsPresign !== undefined && importsPresign(project, c.unlessImportsPresign)) return false;
  if (c.onlyIfImportQueueSubclass !== undefined) {
    const ref = c.onlyIfImportQueueSubclass;
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined || project.exportFact(target, ref.name)?.queueSubclass !== true) return false;
  }
  if (c.onlyIfImportFunctionBuilder !== undefined) {
    const { ref, keys, spread } = c.onlyIfImportFunctionBuilder;
    const target = project.resolveModule(ref.from, ref.source);
    const dlqKeys =
      target === undefined ? undefined : project.exportFact(target, ref.name)?.functionBuilder?.dlqKeys;
    if (dlqKeys === undefined || keys.some((k) => dlqKeys.includes(k)) || (spread && dlqKeys.length > 0))
      return false;
  }
  if (c.onlyIfImportRandom !== undefined) {
    const ref = c.onlyIfImportRandom;
    const target = project.resolveModule(ref.from, ref.source);
    const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
    // Or a helper random only without its time argument, called without it (`generateEventId(t, id)`).
    const omitted =
      fact?.randomWhenOmitted !== undefined &&
      (ref.args ?? Number.POSITIVE_INFINITY) <= fact.randomWhenOmitted;
    const random =
      ref.method === undefined
        ? fact?.randomReturn === true
        : fact?.randomMethods?.includes(ref.method) === true;
    if (!random && !omitted) return false;
    // `${dailyFolder()}/${deal.id}`: the day and the record's own id, the same on a redelivery that day.
    if (c.unlessImportDayOnly === true && fact?.randomDayOnly === true) return false;
  }
  if (c.onlyIfImportKeyParam !== undefined) {
    const ref = c.onlyIfImportKeyParam;
    const target = project.resolveModule(ref.from, ref.source);
    const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
    const params = ref.method === undefined ? fact?.keyParams : fact?.keyParamMethods?.[ref.method];
    if (params?.includes(ref.index) !== true) return false;
  }
  if (c.onlyIfImportGoogleClient !== undefined) {
    const { ref, kind } = c.onlyIfImportGoogleClient;
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined || project.exportFact(target, ref.name)?.googleClient !== kind) return false;
  }
  const octokit = c.onlyIfImportOctokitUntimed;
  if (octokit !== undefined && !importedOctokitUntimed(project, octokit)) return false;
  if (c.onlyIfInvokedAsync !== undefined && !project.invokedFunctions.isInvoked(file, c.onlyIfInvokedAsync))
    return false;
  if (invocationUnmet(project, c)) return false;
  if (
    c.onlyIfImportServerlessApi !== undefined &&
    !behindApi(project, c.onlyIfImportServerlessApi, 'events', 'serverlessApi')
  )
    return false;
  if (
    c.onlyIfImportSstApi !== undefined &&
    !behindApi(project, c.onlyIfImportSstApi, SST_CONSTRUCT_SOURCES, 'sstApi')
  )
    return false;
  if (sstAppUnmet(project, file, c)) return false;
  if (
    c.onlyIfImportBatchEvent !== undefined &&
    !c.onlyIfImportBatchEvent.some((ref) => readsBatchThrough(project, ref))
  )
    return false;
  if (batchImportSettles(project, c) || handsBatchToWorker(project, file, c)) return false;
  if (c.onlyIfImportApiRoute !== undefined && !importRouted(project, c.onlyIfImportApiRoute)) return false;
  if (c.onlyIfFieldRouted !== undefined && !fieldRouted(project, file, c.onlyIfFieldRouted)) return false;
  if (c.onlyIfFieldTargeted !== undefined && !fieldTargeted(project, file, c.onlyIfFieldTargeted))
    return false;
  if (c.unlessFieldBuilt !== undefined && fieldBuilt(project, c.unlessFieldBuilt)) return false;
  const built = c.onlyIfImportHttpTimeoutArg;
  if (
    built !== undefined &&
    !timeoutArgLeftOut(httpClasses(project), built.ref, built.given, project.deferred)
  )
    return false;
  if (
    c.onlyIfExportOnHandlerPath !== undefined &&
    (!project.importerUses.onHandlerPath(file, c.onlyIfExportOnHandlerPath) ||
      onlyCallbackEraReach(project, file, c))
  )
    return false;
  const mentioned = c.onlyIfExportMentioned;
  if (mentioned !== undefined && project.eventCallers.mentioning(file, mentioned).length === 0) return false;
  if (callersDecide(project, file, c)) return false;
  const batch = c.onlyIfBatchAnswerMethod;
  if (batch !== undefined && !importsBatchAnswerMethod(project, file, batch.method, batch.imports))
    return false;
  const drops = c.onlyIfResultDropped;
  if (
    drops !== undefined &&
    !resultDropped(project, project.importerUses, project.deferred, file, drops) &&
    !returnedUnread(project, file, drops) &&
    !(c.orIfUsedAsData === true && project.importerUses.usedAsData(file, drops))
  )
    return false;
  const consumerOnly = c.onlyIfConsumerCaller;
  if (
    consumerOnly !== undefined &&
    !project.eventCallers.reachedBy(
      file,
      consumerOnly,
      (m) => m.consumer === true || eventWired(project, m),
      true,
    )
  )
    return false;
  if (c.onlyIfEventCaller !== undefined && !project.eventCallers.forEvent(file, c.onlyIfEventCaller))
    return false;
  if (c.onlyIfCallersOmit !== undefined && !callersOmit(project, file, c.onlyIfCallersOmit)) return false;
  const timed = c.onlyIfCallerOmits;
  const clients = c.onlyIfCallerClients;
  const omits = () => timed === undefined || callerOmitsTimeout(project, file, timed);
  const untimed = () =>
    clients === undefined ||
    project.eventCallers.someCaller(file, clients.request, (m) =>
      clients.need.every((k) => m.httpClients?.[k] === true),
    );
  // `callerEither`: a `client = axios` helper is kept when either condition holds (rules/http.ts).
  if (c.callerEither === true ? !omits() && !untimed() : !omits() || !untimed()) return false;
  if (
    c.onlyIfProjectClientsUntimed !== undefined &&
    !projectClientsUntimed(project, file, c.onlyIfProjectClientsUntimed)
  )
    return false;
  if (c.onlyIfPackageSdkUntimed === true && !packageSdkUntimed(project, file)) return false;
  // Only the exports that make the name: a scheduled export beside a routed one does not make the route retried.
  const scheduled = (name: string) =>
    c.orIfScheduled?.includes(name) === true && project.wiring.isScheduled(file, name);
  if (c.onlyIfEventWired?.some((n) => project.isEventWired(file, n) || scheduled(n)) === false) return false;
  if (c.onlyIfAnswerUnread?.some((name) => project.isAnswerUnread(file, name)) === false) return false;
  if (c.onlyIfRouted?.some((name) => project.isRouted(file, name)) === false) return false;
  if (c.keptAtBatchOne !== true && c.handlerExports?.some((name) => project.isBatchOne(file, name)))
    return false;
  const fifo = c.onlyIfMessageGroupsVary;
  if (fifo !== undefined && messageGroupsConstant(project, file, fifo === true ? undefined : fifo, c))
    return false;
  if (c.handlerLink !== undefined && linkSettled(c.handlerLink, project.linkedHandler(c.handlerLink)))
    return false;
  if (unreachedCode(project, file, c)) return false;
  if (
    c.onlyIfHandlerReaches !== undefined &&
    !project.importerUses.onHandlerPath(file, c.onlyIfHandlerReaches)
  )
    return false;
  const logOnly = c.unlessHandlersOnlyLog;
  if (logOnly?.every((link) => project.linkedHandler(link)?.work === false)) return false;
  return true;
}

/**
 * A class whose HTTP calls take their timeout from its constructor (rules/httpClientClasses.ts) is in a
 * module naming `timeout` and an HTTP client: the lookup does not analyse a deferred module without both
 * (most of a barrel's members, which the plain lookup analysed in full to find the class's own module).
 */
const mayHoldHttpClass = (text: string) => text.includes('timeout') && mayCallHttp(text);

function httpClasses(project: Project): Parameters<typeof timeoutArgLeftOut>[0] {
  return {
    resolveModule: (from, source) => project.resolveModule(from, source),
    exportFact: (file, name) => project.exportFactWhere(file, name, mayHoldHttpClass),
  };
}

/**
 * A handler returns the answer of one of `names` (defined in `file`) as its own, and a template wires it to
 * a schedule or an asynchronous source, which reads no answer (rules/handlerReturns.ts).
 */
function returnedUnread(project: Project, file: string, names: readonly string[]): boolean {
  return project.importerUses
    .returnedByHandlers(file, names)
    .some(([handlerFile, handlers]) => handlers.some((h) => project.isAnswerUnread(handlerFile, h)));
}

/** A handler module wired to a redelivered source or invoked with 'Event', though its code does not show it. */
function eventWired(project: Project, m: ModuleFacts): boolean {
  return Object.keys(m.handlers ?? {}).some((name) => project.wiring.isRetriedAsync(m.file, name));
}
