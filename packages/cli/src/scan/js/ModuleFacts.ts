// What one module offers the project pass besides its candidates: its exports' facts, its handlers, and
// what it does with other modules' exports. Candidate.ts holds the findings-in-waiting themselves.

import type { Candidate, FieldRoute, ImportRef, PassedProps } from './Candidate.js';
import type { DeclaredType } from './declaredTypes.js';
import type { ExportFact } from './ExportFact.js';
import type { HandlerFact } from './HandlerFact.js';
import type { ClientFacts } from './handedInClients.js';
import type { HandedWork } from './handedWork.js';
import type { InvokeHelper, InvokeHelperCall, ServerlessFunctionName } from './invokeFacts.js';
import type { PassedFunction } from './passedAsync.js';
import type { SstTransform } from './rules/sstV3Transforms.js';

export type { HandlerFact, HandlerLink } from './HandlerFact.js';
export type { ExportFact };

/** Libraries whose clients a project builds or configures in one module and uses in others (projectClients.ts). */
export type ProjectClient = 'octokit' | 'nest-http' | 'google-api';

export interface VerifierFact {
  /** For any failure of this remote verifier (its catch answers falsy). */
  readonly remote?: string;
  /** An error class that answers 401/403 itself: its base, a status field or `super(401, ...)`. */
  readonly authError?: true;
  /** By passing on the falsy result of this imported function. */
  readonly via?: ImportRef;
}

/**
 * A construct (or function) that builds an SqsEventSource from its own props: which props set the batch
 * size and partial failures, and their defaults (null: not a literal; undefined: not set).
 */
export interface EventSourceWrapper {
  readonly batchKey?: string;
  readonly batchDefault?: number | null | undefined;
  readonly fixedBatch?: number | null | undefined;
  readonly reportKey?: string;
  readonly reportDefault?: boolean | null | undefined;
  readonly fixedReport?: boolean | null | undefined;
  /** A construct that is itself the function and attaches an SQS source with no `maxConcurrency`: capped, or not, where it is built. */
  readonly uncapped?: true;
}

/** What an exported options object, or the options a helper function returns, holds. */
export interface OptionsFact {
  /** Sets (or may set) `requestHandler`/`httpOptions`/a timeout. */
  readonly timeout: boolean;
  /** Part of it is out of sight. */
  readonly unknown: boolean;
  /** The helper hands back this argument (perhaps with keys added). */
  readonly param?: number;
  /** Returned by the function handed to this imported wrapper as argument `param`: the export's if it forwards it. */
  readonly through?: { readonly ref: ImportRef; readonly param: number };
}

export interface ReExport {
  readonly source: string;
  /** [exported, imported] pairs (imported `*` for `export * as ns from`); undefined for `export * from`. */
  readonly names?: readonly (readonly [string, string])[];
  /**
   * A CommonJS index's key (`{ shorten: require('./shorten') }`): the key holds the module's exports object
   * (or its one function), so a handler that calls the key itself calls its `default`, not every export.
   */
  readonly commonJsKey?: true;
}

/** A `// bulwark-ignore rule: reason` comment. */
export interface IgnoreDirective {
  /** The line the directive silences (its own line for a trailing comment, else the next line). */
  readonly line: number;
  readonly rules: readonly string[];
  readonly reason: string;
}

export interface ModuleFacts {
  readonly file: string;
  readonly candidates: readonly Candidate[];
  readonly exports: Readonly<Record<string, ExportFact>>;
  readonly reExports: readonly ReExport[];
  readonly ignores: readonly IgnoreDirective[];
  /** `axios.defaults.timeout = ...` or `AWS.config.update({ httpOptions: { timeout } })` seen. */
  readonly globalTimeouts: readonly ('axios' | 'aws-sdk-v2')[];
  /** Exported entry handlers and what they do. */
  readonly handlers?: Readonly<Record<string, HandlerFact>>;
  /** Imported functions called on this module's handler path (js/handlerImports.ts). */
  readonly handlerCalls?: readonly ImportRef[];
  /** Calls of imported project functions that hand them functions (js/passedAsync.ts). */
  readonly passedFunctions?: readonly PassedFunction[];
  /** The object types, interfaces and classes it declares, by name, for typed receivers (js/declaredTypes.ts). */
  readonly declaredTypes?: Readonly<Record<string, DeclaredType>>;
  /** Project functions handed to project functions as values, and where from (js/handedWork.ts). */
  readonly handedWork?: readonly HandedWork[];
  /** Per exported function (and `Class.method`), the positions of the parameters it runs (js/calledParams.ts). */
  readonly calledParams?: Readonly<Record<string, readonly number[]>>;
  /** Per exported function, the project imports it calls, itself or through module-local functions. */
  readonly exportCalls?: Readonly<Record<string, readonly ImportRef[]>>;
  /** Imported functions whose falsy result this module answers 401/403 on (rules/authAcrossModules.ts). */
  readonly authGates?: readonly (ImportRef & { readonly method?: string })[];
  /** Imported error classes this module answers 401/403 for by `instanceof` (rules/authErrorClasses.ts). */
  readonly authErrorMaps?: readonly ImportRef[];
  /** Class methods that return a batch command's answer whole, unread (rules/batchMethods.ts). */
  readonly batchAnswerMethods?: readonly string[];
  /**
   * Imported functions this module calls, whether every call fails on an undefined answer (`reads`) and
   * whether every call tests the answer and fails on a falsy one (`tests`) (js/resultUse.ts).
   */
  readonly resultUses?: readonly {
    readonly ref: ImportRef;
    readonly reads: boolean;
    readonly tests?: boolean;
  }[];
  /** Calls whose awaited result a statement drops, and the imports that may define them (rules/errorValues.ts). */
  readonly droppedAwaits?: DroppedAwaits;
  /** Awaited calls whose answer this module reads as data, or tests as an error (rules/errorAnswerUses.ts). */
  readonly errorAnswerUses?: { readonly data?: DroppedAwaits; readonly checked?: DroppedAwaits };
  /**
   * Calls whose answer an entry handler returns as its own (`return await processor.processRequest()`), with
   * the handler's export names: where a template wires that handler to a source that reads no answer, the
   * answer is dropped there (rules/handlerReturns.ts).
   */
  readonly handlerReturns?: readonly (DroppedAwaits & { readonly handlers: readonly string[] })[];
  /** Handlers (`/abs/path/stem.export`) whose CDK event source has `batchSize: 1`. */
  readonly batchOneHandlers?: readonly string[];
  /**
   * Whether every FIFO message group id the module writes is a constant (js/messageGroups.ts): `any` for
   * writes to queues the scan cannot name, `sstQueues` by the SST v2 queue they name.
   */
  readonly messageGroups?: {
    readonly any?: 'constant' | 'varying';
    readonly sstQueues?: Readonly<Record<string, 'constant' | 'varying'>>;
    /** By the environment variable the write's `QueueUrl` reads (js/queueUrlEnv.ts). */
    readonly envQueues?: Readonly<Record<string, 'constant' | 'varying'>>;
  };
  /** Handler strings wired to a queue, stream or asynchronous source (iac/eventWiredHandlers.ts). */
  readonly eventHandlers?: readonly string[];
  /** Handler strings this module's templates (serverless.ts function modules) wire to a schedule (of unreadHandlers). */
  readonly scheduledHandlers?: readonly string[];
  /** Handler strings this module's templates (serverless.ts function modules) wire to an HTTP route. */
  readonly requestHandlers?: readonly string[];
  /** Handler strings wired to a schedule, an asynchronous source or a Step Functions task (rules/cdkUnreadAnswers.ts). */
  readonly unreadHandlers?: readonly string[];
  /** Handler strings of every CDK function this module builds, whatever invokes it (cdkFunctionHandlers.ts). */
  readonly functionHandlers?: readonly string[];
  /** Environment variables this module invokes a function by asynchronously (rules/asyncInvokeEnv.ts). */
  readonly asyncInvokedEnv?: readonly string[];
  /** Variables only a recurring run-time schedule targets: its answer is unread, its next run the retry. */
  readonly scheduledInvokedEnv?: readonly string[];
  /** Environment variables this module's CDK code sets to a function's name or ARN, with its handler string. */
  readonly envFunctions?: readonly (readonly [string, string])[];
  /** Function names (`*` for a deploy-time part) this module invokes with `'Event'` (rules/asyncInvokeNames.ts). */
  readonly asyncInvokedNames?: readonly string[];
  /** Helpers this module declares that invoke by a name built from a parameter. */
  readonly invokeHelpers?: readonly InvokeHelper[];
  /** Calls of imported functions with a literal `'Event'` argument. */
  readonly invokeHelperCalls?: readonly InvokeHelperCall[];
  /** Function names a serverless.ts gives the definitions it imports (rules/serverlessTsInvoked.ts). */
  readonly serverlessFunctionNames?: readonly ServerlessFunctionName[];
  /** Handlers (`stem.export`) that are one-record consumers when the imported construct built with them is. */
  readonly batchOneIfWrapper?: readonly { readonly ref: ImportRef; readonly handler: string }[];
  /** Imported function definitions run as Lift queue workers of batch size 1 (rules/liftTsWorkers.ts). */
  readonly liftWorkerRefs?: readonly ImportRef[];
  /** Fields of imported constructs this module hands to an imported API construct (rules/cdkApiProps.ts). */
  readonly fieldRoutes?: readonly FieldRoute[];
  /** Exported constructs' fields built here as functions whose props are read in full (rules/cdkTargetedFields.ts). */
  readonly builtFunctionFields?: readonly { readonly exports: readonly string[]; readonly field: string }[];
  /** Project helpers this module calls or builds with props (rules/cdkPassedProps.ts). */
  readonly passedProps?: readonly PassedProps[];
  /** Every exported handler ignores its event: a job that selects its own work (rules/catchFacts.ts). */
  readonly job?: true;
  /**
   * Some exported handler is typed with aws-lambda's API Gateway, ALB or function-URL types
   * (rules/catchExemptions.ts answersRequest): no-retry takes it as answering a request, not as a job.
   */
  readonly requestTyped?: true;
  /** The module's handlers are redelivered or retried consumers (queues, streams, asynchronous events). */
  readonly consumer?: true;
  /** Every handler answers through its callback while Lambda waits for the event loop (callbackEraAnswers.ts). */
  readonly callbackWaits?: true;
  /**
   * Per library, whether the clients this module builds (an Octokit, rules/octokitClients.ts) or configures
   * (NestJS's HttpModule, rules/nestHttp.ts) may carry a request timeout.
   */
  readonly clientBuilds?: Partial<Record<ProjectClient, 'timed' | 'untimed'>>;
  /** What the HTTP client instances this module creates lack (js/handedInClients.ts). */
  readonly httpClients?: ClientFacts;
  /**
   * The exported classes of this module and the interfaces they implement, with the source each is imported
   * from ('' when declared here): a field typed by the interface runs one of them (importerUses.ts).
   */
  readonly implementers?: readonly { readonly cls: string; readonly source: string; readonly name: string }[];
  /** Members of global objects this module assigns async functions to (`console.logError`, js/assignedAsync.ts). */
  readonly globalAsync?: readonly string[];
  /** Project import sources (type-only and re-exports too), for the callers of a shared module (eventCallers.ts). */
  readonly importSources?: readonly string[];
  /** Imports this module subscribes functions to as SST v3 queues (rules/sstV3Subscriptions.ts). */
  readonly sstSubscribed?: readonly ImportRef[];
  /** Imports this module's SST v3 queues name as their `dlq` (rules/sstV3Subscriptions.ts). */
  readonly sstDlqImports?: readonly ImportRef[];
  /** App-wide SST v3 `$transform`s written here, settling findings in every module (rules/sstV3Transforms.ts). */
  readonly sstTransforms?: readonly SstTransform[];
  readonly parseError?: string;
  /**
   * No rule can report here (js/ruleGate.ts): only the syntax was checked, and the facts above are empty
   * until the project pass analyses the module in full because an importer asks.
   */
  readonly deferred?: true;
}

/** A module's dropped awaits (rules/errorValues.ts), as ModuleFacts carries them. */
export interface DroppedAwaits {
  /** Import sources a name in `names` may come from (with this module itself). */
  readonly sources: readonly string[];
  /** Called names whose defining module is not known from the call: a method, a local function. */
  readonly names: readonly string[];
  /** Bare calls of imported functions: the import as written and the name it exports. */
  readonly imported?: readonly { readonly source: string; readonly name: string }[];
}

/**
 * The facts of a module that offers nothing: a declaration file, one no rule can touch, one that does not
 * parse (then with its `parseError`), or the base a fact of its own is added to.
 * @example
 * emptyFacts('src/types.d.ts', undefined).candidates // []
 */
export function emptyFacts(file: string, parseError: string | undefined): ModuleFacts {
  return {
    file,
    candidates: [],
    exports: {},
    reExports: [],
    ignores: [],
    globalTimeouts: [],
    ...(parseError !== undefined ? { parseError } : {}),
  };
}

/**
 * Does one of the module's handlers consume a redelivered source (a queue or stream batch)?
 * @example
 * redeliveredHandler(facts) // true for a module whose `handler` is wired to an SQS queue
 */
export function redeliveredHandler(h: ModuleFacts): boolean {
  return Object.values(h.handlers ?? {}).some((f) => f.redelivered === true);
}
