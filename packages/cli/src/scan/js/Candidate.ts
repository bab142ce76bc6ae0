// What the per-file pass hands to the project pass: findings that may still depend on other files, and the
// conditions another file settles them by. A module's other facts are in ModuleFacts.ts (re-exported here).

import type { SharedRequest } from '../callerLookup.js';
import type { GlobalMemberCall } from './assignedAsync.js';
import type { AuthConditions } from './authConditions.js';
import type { PropsFromCaller } from './constructWiring.js';
import type { ClientFacts } from './handedInClients.js';
import type { ImportConditions } from './importConditions.js';
import type { HandlerLink, ProjectClient } from './ModuleFacts.js';
import type { ParamSlot } from './passedAsync.js';
import type { ReachConditions } from './reachConditions.js';
import type { TimeoutFromCaller } from './rules/callerTimeouts.js';
import type { TerraformConditions } from './terraformConditions.js';
import type { TypedCall } from './typedReceivers.js';

export type { FieldRoute, PassedProps, PropsFromCaller } from './constructWiring.js';
export type {
  DroppedAwaits,
  EventSourceWrapper,
  ExportFact,
  HandlerFact,
  HandlerLink,
  IgnoreDirective,
  ModuleFacts,
  OptionsFact,
  ReExport,
  VerifierFact,
} from './ModuleFacts.js';

/** A name imported from another file of the project, to be resolved once every file is parsed. */
export interface ImportRef {
  /** Absolute path of the importing file. */
  readonly from: string;
  readonly source: string;
  readonly name: string;
}

/**
 * A project function a handler hands its event to, or a method of a project class or object (`Dto.parse`);
 * `key` when the event goes inside an options object (`Parse.messages({ sqsEvent: event })`).
 */
export type DecoderRef = ImportRef & { readonly method?: string; readonly key?: string };

export type Protection = 'retry' | 'breaker' | 'timeout';

export interface Candidate extends TerraformConditions, AuthConditions, ImportConditions, ReachConditions {
  readonly rule: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly snippet: string;
  /** Dropped when any of these project imports turns out to provide `kind` (a wrapper defined elsewhere). */
  readonly unlessImportProvides?: { readonly kind: Protection; readonly imports: readonly ImportRef[] };
  /** Kept only when this project import turns out to be an async function. */
  readonly onlyIfImportAsync?: ImportRef & { readonly method?: string };
  /** Dropped when this project import (its `method`) turns out to be async: the wrapper whose own code is judged. */
  readonly unlessImportAsync?: ImportRef & { readonly method?: string };
  /** Kept only when one of these loaded modules makes the global member an async function (js/assignedAsync.ts). */
  readonly onlyIfGlobalAsync?: GlobalMemberCall & { readonly from: string };
  /** Kept only when the method a receiver's declared type leads to answers a promise (typedMethods.ts). */
  readonly onlyIfTypedAsync?: TypedCall & { readonly from: string };
  /** Kept only when every handler reaching one of these exported parameters hands it an async function. */
  readonly onlyIfParamAsync?: readonly ParamSlot[];
  /** For batch handlers: the export names, so IaC with `BatchSize: 1` for any of them can clear the finding. */
  readonly handlerExports?: readonly string[];
  /**
   * Kept even when every wiring of those exports has batch size 1: the handler settles its records and
   * swallows their failures itself, so a one-record batch deletes the failed record all the same.
   */
  readonly keptAtBatchOne?: true;
  /**
   * A function exported under these names that loops over a batch's records for handlers of other modules
   * (`handle(event, context, processor)`): kept, and reported there once, when template-wired handlers hand
   * it their event (sharedBatchServes.ts).
   */
  readonly onlyIfServesHandlers?: readonly string[];
  /** A batch handler that throws for the whole batch: settled behind bisecting streams only. */
  readonly unlessBisected?: true;
  /**
   * A batch handler whose own flow drops the records after one (a `return` inside the record loop,
   * batchLoopReturns.ts, or a read of only `Records[0]`, batchSingleRecord.ts): the event source's finding,
   * whatever it sets other than `BatchSize: 1` (which clears the handler), is merged into this one
   * (batchTwins.ts).
   */
  readonly dropsRecords?: true;
  /**
   * Kept only when a template wires one of these handler exports of the module to a queue, stream or
   * asynchronous source (a consumer whose code does not show it, iac/eventWiredHandlers.ts).
   */
  readonly onlyIfEventWired?: readonly string[];
  /**
   * With onlyIfEventWired: a schedule's invocation of one of these handler exports (those whose run makes
   * the name) counts too (a unique name, uniqueNames.ts scheduleRetried).
   */
  readonly orIfScheduled?: readonly string[];
  /** Kept only when a template wires one of these handler exports to a schedule or an asynchronous source. */
  readonly onlyIfAnswerUnread?: readonly string[];
  /** Kept only when a template routes one of these handler exports to HTTP (rules/eventlessRoute.ts). */
  readonly onlyIfRouted?: readonly string[];
  /**
   * For infrastructure findings about a function (CDK): where its handler's code is, so the project pass
   * can drop the finding when that handler does no work (`no-work`) or no work per record (`no-record-work`).
   */
  readonly handlerLink?: HandlerLink;
  /**
   * An event bus whose rules only reach log groups and these functions: dropped when every one of them
   * only logs (at once when there are none).
   */
  readonly unlessHandlersOnlyLog?: readonly HandlerLink[];
  /**
   * A redrive policy's `maxReceiveCount` and who consumes the queue: the scan compares it with the
   * configured limit for that consumer (`maxReceiveCount` in the config) and fills `{limit}` in the message.
   */
  readonly maxReceive?: { readonly count: number; readonly consumer: 'lambda' | 'other' };
  /** A severity below the rule's own (a too-high maxReceiveCount is less than no redrive at all). */
  readonly severity?: 'critical' | 'high' | 'medium';
  /** A project construct that wraps an SqsEventSource, built with these literal props: kept when unsafe. */
  /** A project construct built with no concurrency cap: kept when it attaches an uncapped SQS source to itself. */
  readonly onlyIfWrapperUncapped?: ImportRef;
  readonly onlyIfWrapperUnsafe?: {
    readonly ref: ImportRef;
    readonly literals: Readonly<Record<string, number | boolean | null>>;
  };
  /**
   * SDK clients whose options come from project helpers or objects elsewhere: dropped when one of these
   * may set a timeout (or is out of sight in a module the scan read); kept with `low` confidence when one
   * comes from a module the scan cannot find (a Lambda layer, a path alias): its options could not be read.
   */
  readonly onlyIfOptionsUntimed?: readonly {
    readonly ref: ImportRef;
    readonly argSeen: boolean;
    /** The options are this property of the import (`const { awsConfig } = appConfig`). */
    readonly prop?: string;
  }[];
  /**
   * `new Imported(...)` of a project class: kept only when that class extends an AWS SDK client (or is one passed on) and the
   * argument it hands to `super` is one of these positions (options seen in full, with no timeouts).
   */
  /** Kept only when this project import is the aws-sdk v2 namespace or a member of it (sdkNamespaceExports.ts). */
  readonly onlyIfImportSdkNamespace?: ImportRef;
  readonly onlyIfImportSdkSubclass?: { readonly ref: ImportRef; readonly untimedArgs: readonly number[] };
  /**
   * An SDK client whose handler sets `requestTimeout` without `throwOnRequestTimeout`: kept only when the
   * module's lockfile installs a @smithy/node-http-handler that merely warns on it (4.4.0 on), or none.
   */
  readonly onlyIfRequestTimeoutWarns?: true | 'own';
  /** A project HTTP client class built with `given` arguments: kept when its timeout argument is not among them. */
  readonly onlyIfImportHttpTimeoutArg?: { readonly ref: ImportRef; readonly given: number };
  /**
   * The awaited answer of this project import is discarded or only printed: kept only when the import
   * hands back a batch API's answer unread (rules/batchWrappers.ts); `{batch}` and `{field}` name it.
   */
  readonly onlyIfImportBatchResult?: {
    readonly ref: ImportRef;
    readonly method?: string;
    /** The caller reads the answer only for its data (`.Responses`): kept only for a batch read (rules/batchDataReads.ts). */
    readonly dataOnly?: true;
  };
  /** A function handed to an imported construct under `key`: kept when that construct routes the prop to an API. */
  readonly onlyIfImportApiRoute?: {
    readonly ref: ImportRef;
    readonly key: string;
    readonly seconds: number;
    /** Other constructs the same props were handed to (rules/cdkPropsSpread.ts): any one routing them keeps it. */
    readonly or?: readonly { readonly ref: ImportRef; readonly key: string }[];
  };
  /** A function kept in a field of an exported construct: kept when some module routes that field to an API. */
  readonly onlyIfFieldRouted?: {
    readonly exports: readonly string[];
    readonly field: string;
    readonly seconds: number;
    /** The field holds a project construct wrapping the function: only a route through it (`owner.field.fn`) counts. */
    readonly nested?: true;
    /** Fields holding an alias of the function (`new Alias(this, id, { version: this.fn.currentVersion })`): a route to one routes it. */
    readonly aliases?: readonly string[];
  };
  /** A target naming `owner.field` of an imported construct: dropped when that module builds the field's function (it judges it). */
  readonly unlessFieldBuilt?: { readonly owner: ImportRef; readonly field: string };
  /** A function kept in a field of an exported construct: kept when some module's EventBridge rule targets that field. */
  readonly onlyIfFieldTargeted?: { readonly exports: readonly string[]; readonly field: string };
  /**
   * A CloudFormation SQS consumer whose permissions reach only absorbing services and these imported
   * tables: dropped when every one is an on-demand table another template exports (iac/floodTargets.ts).
   */
  readonly onDemandImports?: readonly string[];
  /**
   * A FIFO queue's consumer: dropped when every message group id its package writes is a constant
   * (fifoGroups.ts); an SST v2 queue's id, when given, leaves out the writes that name another SST queue.
   */
  readonly onlyIfMessageGroupsVary?: true | string;
  /** That FIFO queue's URL handed to code in these environment variables: its producers, in any package (js/queueUrlEnv.ts). */
  readonly fifoQueueEnv?: readonly string[];
  /** That FIFO queue is fed by producers the template itself declares, every one with a constant group (iac/cfnFifoSources.ts). */
  readonly fifoGroupsWritten?: 'constant';
  /** With fifoGroupsWritten: the folders, relative to the template, of the code it deploys, read for varying groups. */
  readonly fifoCodeDirs?: readonly string[];
  /** A CloudFormation DLQ's export names: dropped when another template's alarm imports one (iac/stackExports.ts). */
  readonly exportedDlq?: readonly string[];
  /** A function whose ARN these outputs hand on: kept when another template's API routes one (iac/stackRoutes.ts). */
  readonly stackRouted?: { readonly outputs: readonly string[]; readonly seconds: number };
  /** An undefined/null answer of these exports: dropped when every importer's call reads its result (js/resultUse.ts). */
  readonly unlessCallersRead?: readonly string[];
  /**
   * How `unlessCallersRead` is asked: `falsy` when the answer is `false` (or another falsy value), which only
   * callers that test it and fail on it surface; `local` when the module's own calls all fail on it, which
   * settle it when no other module calls the export (one exported for its tests); `method` when the name
   * is a class method's, called through instances (methodCallers.ts also wants every naming read as a call).
   */
  readonly callersReadAs?: { readonly falsy?: true; readonly local?: true; readonly method?: true };
  /** An error handed back as these functions' result: kept when a caller here or in an importer drops it. */
  readonly onlyIfResultDropped?: readonly string[];
  /** With onlyIfResultDropped: kept too when a caller in another module reads the caught Error as data. */
  readonly orIfUsedAsData?: true;
  /**
   * A thin batch wrapper's send, named by its export: dropped when an importer's call of that export is
   * itself kept as the finding (wrapperCalls.ts batchCallerKept), so one dropped answer is one finding.
   */
  readonly unlessBatchCallerKept?: string;
  /** A dropped call of this method: kept when a class or interface imported here declares it a batch answer (rules/batchMethods.ts). */
  readonly onlyIfBatchAnswerMethod?: {
    readonly method: string;
    readonly imports: readonly { readonly source: string; readonly name: string }[];
  };
  /**
   * A serverless.ts function definition with no on-failure target and no event of its own: kept when the
   * project's code invokes the name a serverless.ts deploys this export under with `'Event'` (invokedFunctions.ts).
   */
  readonly onlyIfInvokedAsync?: string;
  /**
   * A serverless.yml function with no on-failure target and no event of its own, deployed under these name
   * patterns (`svc-*-notify`): kept when the project's code invokes one of them with `'Event'` (invokedFunctions.ts).
   */
  readonly onlyIfNameInvoked?: readonly string[];
  /**
   * A template function handed to others in these environment variables, with no on-failure target: kept
   * when a module under one of the holders' code folders (`under`, anchored at the project) invokes by one
   * of them with `'Event'` (js/rules/asyncInvokeEnv.ts).
   */
  readonly onlyIfEnvInvoked?: {
    readonly variables: readonly string[];
    readonly under: readonly string[];
    /** The folders as the template writes them, for code the template's folder does not hold. */
    readonly written?: readonly string[];
    /**
     * The holders' handlers (`/app/handlers/api.handler`): a module they reach through project imports
     * (`../services/reminders.ts`) is the holder's code too, in whatever folder (CDK, js/rules/cdkEnvInvoked.ts).
     */
    readonly handlers?: readonly string[];
  };
  /** A handler that hands its event to these project functions: kept when one reads a batch from it (rules/batchDecoders.ts). */
  readonly onlyIfImportBatchEvent?: readonly DecoderRef[];
  /** A batch handler handing its records to these project functions: dropped when one refuses a batch (rules/batchSingleHelpers.ts). */
  readonly unlessImportRefusesBatch?: readonly ImportRef[];
  /** A batch handler returning these project functions' answer: dropped when one answers item failures (rules/batchAnswerHelpers.ts). */
  readonly unlessImportAnswersItems?: readonly ImportRef[];
  /** A random key in a module with no handler, reached by calling these names: kept when a retried consumer reaches it. */
  readonly onlyIfConsumerCaller?: SharedRequest;
  /**
   * A request on a client handed in (an Octokit, a NestJS HttpService): kept when the project builds clients
   * of that library and none is bounded (projectClients.ts).
   */
  readonly onlyIfProjectClientsUntimed?: ProjectClient;
  /** An SDK client built from callers' options: kept when no module of its package names a request handler (packageSdkTimeouts.ts). */
  readonly onlyIfPackageSdkUntimed?: true;
  /** A value a request takes from its function's caller (a timeout, a method, an `InvocationType`): kept only if some call passes none (callerTimeoutArgs.ts). */
  readonly onlyIfCallerOmits?: TimeoutFromCaller;
  /** Props opened by a spread of the helper's parameters: kept only if some caller omits `keys` (rules/cdkPassedProps.ts). */
  readonly onlyIfCallersOmit?: PropsFromCaller;
  /**
   * A request on an HTTP client the caller hands in: kept when a module calling these names creates an
   * instance with every fact in `need` (handedInClients.ts).
   */
  readonly onlyIfCallerClients?: {
    readonly request: SharedRequest;
    readonly need: readonly (keyof ClientFacts)[];
  };
  /** `onlyIfCallerOmits` and `onlyIfCallerClients` are alternatives: kept when either holds. */
  readonly callerEither?: true;
  /**
   * A request in a module with no handler, reached by calling these names (and methods of `owner`, through
   * its `interfaces`): kept when a handler given an event reaches it (eventCallers.ts).
   */
  readonly onlyIfEventCaller?: SharedRequest;
  /** Lines whose ignore directives also silence this finding: the send a test reported for it stands for. */
  readonly ignoredAlsoAt?: readonly number[];
  /** floating-promise only: where the reported chain ends, so a swallowed-error inside it is one defect. */
  readonly chainEnd?: { readonly line: number; readonly column: number };
}
