// Per-file pass: parse with oxc, index the module once, run every code rule, and describe what the
// module exports (exportFacts.ts) so the project pass can follow imports.
import { type parseSync, rawTransferSupported } from 'oxc-parser';
import { ignoreDirectives } from '../ignoreDirectives.js';
import { assignedAsyncGlobals } from './assignedAsync.js';
import type { Node } from './ast.js';
import type { Candidate, ModuleFacts } from './Candidate.js';
import { calledParams } from './calledParams.js';
import { candidatePath } from './candidatePath.js';
import { cdkFunctionHandlers } from './cdkFunctionHandlers.js';
import { declaredTypes } from './declaredTypes.js';
import { exportFacts } from './exportFacts.js';
import { clientFacts } from './handedInClients.js';
import { handedWork } from './handedWork.js';
import { handlerFacts } from './handlerFacts.js';
import { exportCalls, handlerCalls } from './handlerImports.js';
import { implementers } from './implementers.js';
import { ModuleContext } from './ModuleContext.js';
import { emptyFacts } from './ModuleFacts.js';
import { messageGroupsOf } from './messageGroups.js';
import { RULES } from './moduleRules.js';
import { isFatal, type ParseOptions, parseSource } from './parseSource.js';
import { passedFunctions } from './passedAsync.js';
import { reachedMethod } from './reachedMethods.js';
import { redelivered } from './redelivery.js';
import { reExports } from './reExports.js';
import { importResultUses } from './resultUse.js';
import { mayReport } from './ruleGate.js';
import { authGates } from './rules/authAcrossModules.js';
import { authErrorMaps } from './rules/authErrorClasses.js';
import { batchAnswerMethods } from './rules/batchMethods.js';
import { importedBatchRules } from './rules/batchWrappers.js';
import { waitsForEventLoop } from './rules/callbackEraAnswers.js';
import { selectsOwnWork, typedAsRequest } from './rules/catchExemptions.js';
import { errorAnswerUses } from './rules/errorAnswerUses.js';
import { droppedAwaits, projectSources } from './rules/errorValues.js';
import { googleApiClientBuilds } from './rules/googleApis.js';
import { handlerReturns } from './rules/handlerReturns.js';
import { nestHttpBuilds } from './rules/nestHttp.js';
import { octokitBuilds } from './rules/octokitClients.js';
import type { Report } from './rules/Report.js';
import { sstDlqImports, sstSubscribedImports } from './rules/sstV3Subscriptions.js';
import { sstTransforms } from './rules/sstV3Transforms.js';

const RAW = rawTransferSupported();

/** The parser language of a file, by its extension. */
export function langOf(file: string): 'ts' | 'tsx' | 'jsx' | 'dts' {
  if (DECLARATION.test(file)) return 'dts';
  if (/\.(ts|mts|cts)$/.test(file)) return 'ts';
  if (file.endsWith('.tsx')) return 'tsx';
  return 'jsx';
}

/**
 * Words without which no rule can fire and the module offers importers nothing (no wrapper, no async
 * export, no re-export, no SDK client options: `options`, `config`, `region`, a user agent). Modules
 * without any of them, and declaration files (no executable code), are only checked for syntax: parsed
 * without building the JavaScript AST, which is most of the cost. Modules with some of them but none of
 * the rules' words (ruleGate.ts) are syntax-checked too and marked `deferred`: the project pass analyses
 * them only if another module asks what they export. `statusCode`: an answer builder another module's catch
 * answers through (rules/successBuilders.ts). `.Records` (or `["Records"]`): a decoder of a queue event a handler hands its
 * event to (rules/batchDecoderMembers.ts). `console.`: a project's logger (`export const log = (m) => {
 * console.log(m) }`), which a catch calling it only logs through (rules/noopCalls.ts doesNothing).
 */
const TRIGGERS =
  /console\.|Date\.now|randomUUID|uuid|fetch|wretch|axios|\bgot\b|\bky\b|superagent|undici|Client|aws-sdk|etry|backOff|catch|andler|\bmain\b|Event|Context|middy|dempot|edup|aws-cdk|cockatiel|reaker|wrapDependency|opossum|execute|[tT]imeout|withDeadline|async|Promise|export\s*\*|\}\s*from|exports|require\(|ptions|onfig|region|UserAgent|maxAttempts|credentials|extends\s+[\w.]*(?:Error|Exception)\b|essageGroupId|sst\.aws\.|statusCode|\.Records\b|\[\s*['"`]Records['"`]/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** The first fatal parse error as `message (line n)`, or undefined when the file parses. */
function fatalError(parsed: ReturnType<typeof parseSync>, source: string): string | undefined {
  const fatal = parsed.errors.find(isFatal);
  if (fatal === undefined) return undefined;
  return `${fatal.message} (line ${source.slice(0, fatal.labels[0]?.start ?? 0).split('\n').length})`;
}

function syntaxOnly(file: string, source: string, deferred: boolean): ModuleFacts {
  // Without raw transfer (Node < 22) the lazy parse is not there and the whole tree is built: slower,
  // but the same answer. Which modules are deferred must never depend on the runtime: a gate applied on
  // one Node and not on another made the same scan report different findings.
  const parsed = parseSource(file, source, {
    lang: langOf(file),
    ...(RAW ? { experimentalLazy: true } : {}),
  } as ParseOptions);
  const parseError = fatalError(parsed, source);
  (parsed as { dispose?: () => void }).dispose?.();
  const facts = emptyFacts(file, parseError);
  return deferred && parseError === undefined ? { ...facts, deferred: true } : facts;
}

/**
 * Candidates for the calls of a project's batch wrappers in one module (rules/batchWrappers.ts): asked by
 * the project pass only when some module exports such a wrapper and this module's text names it.
 */
export function batchCallers(file: string, source: string): Candidate[] {
  const options = { lang: langOf(file), preserveParens: false };
  const parsed = parseSource(file, source, options as ParseOptions);
  if (fatalError(parsed, source) !== undefined) return [];
  const ctx = new ModuleContext(file, source, parsed.program as unknown as Node, parsed.comments);
  const candidates: Candidate[] = [];
  importedBatchRules(ctx, (rule, node, message, extra) => {
    const { line, column } = ctx.position(node.start);
    candidates.push({ rule, line, column, message, snippet: ctx.lineText(line), ...extra });
  });
  return candidates;
}

/** Kept only if an imported module turns out to be the project's and to do something (`onlyIfImport...`). */
function onImport(extra: object | undefined): boolean {
  return extra !== undefined && Object.keys(extra).some((k) => k.startsWith('onlyIfImport'));
}

/**
 * The facts of one module. `whole` analyses it even when no rule can report in it (the project pass,
 * asking for a deferred module's exports); `templateNamed`: the exports a template names as handlers
 * (templateNamedHandlers.ts), entry points whatever their name or shape.
 */
export function analyzeModule(
  file: string,
  source: string,
  whole = false,
  templateNamed?: ReadonlySet<string>,
  root?: string,
): ModuleFacts {
  if (DECLARATION.test(file)) return syntaxOnly(file, source, false);
  // The rules' words first: most modules fail them, and whether a deferred one offers importers
  // anything (TRIGGERS) is only asked if an importer needs it.
  // A module a template names a handler of is a handler module, whatever its words.
  const named = templateNamed !== undefined && templateNamed.size > 0;
  if (!whole && !named && !mayReport(source)) return syntaxOnly(file, source, true);
  if (!TRIGGERS.test(source)) return whole ? emptyFacts(file, undefined) : syntaxOnly(file, source, false);
  const options = {
    lang: langOf(file),
    preserveParens: false,
    ...(RAW ? { experimentalRawTransfer: true } : {}),
  };
  const parsed = parseSource(file, source, options as ParseOptions);
  const parseError = fatalError(parsed, source);
  if (parseError !== undefined) return emptyFacts(file, parseError);
  const ctx = new ModuleContext(
    file,
    source,
    parsed.program as unknown as Node,
    parsed.comments,
    templateNamed,
    root,
  );
  const candidates: Candidate[] = [];
  const seen = new Map<string, number | undefined>();
  const report: Report = (rule, node, message, extra) => {
    const { line, column } = ctx.position(node.start);
    const key = `${rule}:${line}:${column}`;
    const prior = seen.get(key);
    // One candidate per place; but a report the project pass keeps as it is outranks an earlier one it may
    // still drop (a workspace class's candidate at a library's `new Queue(...)` must not hide that library
    // construct's own finding).
    if (seen.has(key) && (prior === undefined || onImport(extra) || !onImport(candidates[prior]))) return;
    const path = candidatePath(ctx, rule, node);
    if (path === 'off') {
      if (!seen.has(key)) seen.set(key, undefined);
      return;
    }
    const method = path.length > 0 ? reachedMethod(ctx, node) : undefined;
    const via =
      path.length > 0
        ? { reachedThrough: path, ...(method === undefined ? {} : { reachedMethod: method }) }
        : {};
    // A floating chain may span lines (`pool.query(\n...\n).catch(() => {})`): its end lets doubleReports.ts
    // find the `.catch(` of the same statement on a later line.
    const end = rule === 'floating-promise' ? { chainEnd: ctx.position(node.end) } : {};
    const candidate = { rule, line, column, message, snippet: ctx.lineText(line), ...extra, ...via, ...end };
    if (prior !== undefined) candidates[prior] = candidate;
    else {
      seen.set(key, candidates.length);
      candidates.push(candidate);
    }
  };
  for (const rule of RULES) rule(ctx, report);
  const handlers = ctx.batchHandlers.size > 0 || ctx.handlers.size > 0 ? handlerFacts(ctx) : undefined;
  const calls = handlerCalls(ctx);
  const edges = exportCalls(ctx);
  const types = declaredTypes(ctx);
  const passed = passedFunctions(ctx);
  const handed = handedWork(ctx);
  const runs = calledParams(ctx);
  const uses = importResultUses(ctx);
  const drops = droppedAwaits(ctx);
  const answerUses = errorAnswerUses(ctx);
  const returns = handlerReturns(ctx);
  const sources = projectSources(ctx);
  const gates = authGates(ctx);
  const errorMaps = authErrorMaps(ctx);
  const batchMethods = batchAnswerMethods(ctx);
  const clients = clientFacts(ctx);
  const octokit = octokitBuilds(ctx);
  const nestHttp = nestHttpBuilds(ctx);
  const googleApi = googleApiClientBuilds(ctx);
  const implemented = implementers(ctx);
  const groups = messageGroupsOf(ctx);
  const functionHandlers = cdkFunctionHandlers(ctx);
  const globalAsync = assignedAsyncGlobals(ctx);
  const subscribed = sstSubscribedImports(ctx);
  const dlqImports = sstDlqImports(ctx);
  const transforms = sstTransforms(ctx);
  return {
    file,
    candidates,
    ...(handlers !== undefined && Object.keys(handlers).length > 0 ? { handlers } : {}),
    ...(ctx.batchOneHandlers.length > 0 ? { batchOneHandlers: ctx.batchOneHandlers } : {}),
    ...(ctx.eventHandlers.length > 0 ? { eventHandlers: ctx.eventHandlers } : {}),
    ...(ctx.scheduledHandlers.length > 0 ? { scheduledHandlers: ctx.scheduledHandlers } : {}),
    ...(ctx.requestHandlers.length > 0 ? { requestHandlers: ctx.requestHandlers } : {}),
    ...(ctx.unreadHandlers.length > 0 ? { unreadHandlers: ctx.unreadHandlers } : {}),
    ...(functionHandlers.length > 0 ? { functionHandlers } : {}),
    ...(ctx.asyncInvokedEnv.length > 0 ? { asyncInvokedEnv: ctx.asyncInvokedEnv } : {}),
    ...(ctx.scheduledInvokedEnv.length > 0 ? { scheduledInvokedEnv: ctx.scheduledInvokedEnv } : {}),
    ...(ctx.envFunctions.length > 0 ? { envFunctions: ctx.envFunctions } : {}),
    ...(ctx.asyncInvokedNames.length > 0 ? { asyncInvokedNames: ctx.asyncInvokedNames } : {}),
    ...(ctx.invokeHelpers.length > 0 ? { invokeHelpers: ctx.invokeHelpers } : {}),
    ...(ctx.invokeHelperCalls.length > 0 ? { invokeHelperCalls: ctx.invokeHelperCalls } : {}),
    ...(ctx.serverlessFunctionNames.length > 0
      ? { serverlessFunctionNames: ctx.serverlessFunctionNames }
      : {}),
    ...(groups !== undefined ? { messageGroups: groups } : {}),
    ...(ctx.batchOneIfWrapper.length > 0 ? { batchOneIfWrapper: ctx.batchOneIfWrapper } : {}),
    ...(ctx.liftWorkerRefs.length > 0 ? { liftWorkerRefs: ctx.liftWorkerRefs } : {}),
    ...(ctx.fieldRoutes.length > 0 ? { fieldRoutes: ctx.fieldRoutes } : {}),
    ...(ctx.builtFunctionFields.length > 0 ? { builtFunctionFields: ctx.builtFunctionFields } : {}),
    ...(ctx.passedProps.length > 0 ? { passedProps: ctx.passedProps } : {}),
    ...(calls.length > 0 ? { handlerCalls: calls } : {}),
    ...(Object.keys(edges).length > 0 ? { exportCalls: edges } : {}),
    ...(passed.length > 0 ? { passedFunctions: passed } : {}),
    ...(handed.length > 0 ? { handedWork: handed } : {}),
    ...(Object.keys(runs).length > 0 ? { calledParams: runs } : {}),
    ...(uses.length > 0 ? { resultUses: uses } : {}),
    ...(gates.length > 0 ? { authGates: gates } : {}),
    ...(errorMaps.length > 0 ? { authErrorMaps: errorMaps } : {}),
    ...(batchMethods.length > 0 ? { batchAnswerMethods: batchMethods } : {}),
    ...(drops !== undefined ? { droppedAwaits: drops } : {}),
    ...(Object.keys(answerUses).length > 0 ? { errorAnswerUses: answerUses } : {}),
    ...(returns.length > 0 ? { handlerReturns: returns } : {}),
    ...(handlers !== undefined && selectsOwnWork(ctx) ? { job: true as const } : {}),
    ...(handlers !== undefined && typedAsRequest(ctx) ? { requestTyped: true as const } : {}),
    ...(handlers !== undefined && redelivered(ctx) ? { consumer: true as const } : {}),
    ...(handlers !== undefined && waitsForEventLoop(ctx) ? { callbackWaits: true as const } : {}),
    ...(sources.length > 0 ? { importSources: sources } : {}),
    ...(globalAsync.length > 0 ? { globalAsync } : {}),
    ...(subscribed.length > 0 ? { sstSubscribed: subscribed } : {}),
    ...(dlqImports.length > 0 ? { sstDlqImports: dlqImports } : {}),
    ...(transforms.length > 0 ? { sstTransforms: transforms } : {}),
    ...(types !== undefined ? { declaredTypes: types } : {}),
    ...(implemented.length > 0 ? { implementers: implemented } : {}),
    ...(clients !== undefined ? { httpClients: clients } : {}),
    ...(octokit !== undefined || nestHttp !== undefined || googleApi !== undefined
      ? {
          clientBuilds: {
            ...(octokit !== undefined ? { octokit } : {}),
            ...(nestHttp !== undefined ? { 'nest-http': nestHttp } : {}),
            ...(googleApi !== undefined ? { 'google-api': googleApi } : {}),
          },
        }
      : {}),
    exports: exportFacts(ctx),
    reExports: reExports(ctx),
    // The whole-text words here through the module's bit set (ctx.spells): absent from almost every module.
    ignores: ignoreDirectives(source, (w) => ctx.spells(w)),
    globalTimeouts: [
      ...(ctx.spells('axios.defaults') && /axios\.defaults\.timeout\s*=/.test(source)
        ? (['axios'] as const)
        : []),
      ...(ctx.spells('httpOptions') &&
      /AWS\.config\.update\(\s*\{[\s\S]{0,200}httpOptions[\s\S]{0,80}timeout/.test(source)
        ? (['aws-sdk-v2'] as const)
        : []),
    ],
  };
}

/** What an error class answering 401/403 is written with (rules/authErrorClasses.ts). */
