// What a module offers to its importers, export by export: the facts the project pass reads when another
// module imports the name (protections, client options, verifiers, handed-on clients, batch answers...).
// Kept apart from ModuleFacts.ts, which says what the module itself does, because each rule that learns
// something new about an export adds a field here.

import type { DecoderRef, ImportRef, Protection } from './Candidate.js';
import type { ClientEnd } from './clientProvenance.js';
import type { FactoryFacts } from './factoryMade.js';
import type { HttpClientExport } from './httpClientExports.js';
import type { EventSourceWrapper, OptionsFact, VerifierFact } from './ModuleFacts.js';

/** What a module offers to its importers (and, for objects a factory builds, the factory: factoryMade.ts). */
export interface ExportFact extends FactoryFacts {
  /** Protections a wrapper applies to the work it is given, or a policy object provides. */
  readonly provides: readonly Protection[];
  /** Imports whose protections add to `provides` once resolved. */
  readonly via: readonly ImportRef[];
  readonly async: boolean;
  /** SDK client options this export is or returns, when they could be seen. */
  readonly options?: OptionsFact;
  /** SDK client options held by the export's properties (`appConfig.awsConfig`), per property. */
  readonly optionProps?: Readonly<Record<string, OptionsFact>>;
  /** The export wraps an SqsEventSource configured from its props. */
  readonly eventSource?: EventSourceWrapper;
  /** The export answers "not verified" when a verification fails (rules/authAcrossModules.ts). */
  readonly verifier?: VerifierFact;
  /** The export is a class extending this SDK client; `arg` is the constructor argument passed to `super`. */
  /** The function awaits a remote verifier, key or secret (a JWKS, an introspection, a secret fetch). */
  readonly remote?: string;
  /** For a class: its methods that await a remote verifier, key, secret or AWS call, and what each awaits. */
  readonly remoteMethods?: Readonly<Record<string, string>>;
  /** For a class: its methods that await other modules' project code instead, followed there (a few hops). */
  readonly remoteVia?: Readonly<Record<string, readonly (ImportRef & { readonly method?: string })[]>>;
  /**
   * A function that awaits none itself but awaits project imports (`await runQuery(q)` from a shared
   * layer): the project pass asks them whether they reach one.
   */
  readonly remoteThrough?: readonly (ImportRef & { readonly method?: string })[];
  /** A `createAdapter` adapter that calls its `onError` only from a catch whose try awaits nothing. */
  readonly localAdapter?: true;
  /** The function wraps every failure of remote work in an error of a fixed message (rules/authRebrands.ts). */
  readonly rebrand?: RebrandFact;
  /**
   * A client instance whose every awaited method is a remote call: an AWS SDK client (`export { stsClient }`)
   * or a key-fetching verifier (`CognitoJwtVerifier.create(...)`); what it calls.
   */
  readonly remoteClient?: string;
  /** An error class that answers 401/403 itself: its base, a status field or `super(401, ...)`. */
  readonly authError?: true;
  /**
   * A class extending an SDK v3 client, and the argument of `new` that reaches `super` (null: none); also
   * the SDK's own client class passed on unchanged, whose options are argument 0 (sdkClientExports.ts).
   */
  readonly sdkSubclass?: { readonly base: string; readonly arg: number | null };
  /** The export is the aws-sdk v2 namespace or a member of it, with no global httpOptions (sdkNamespaceExports.ts). */
  readonly sdkNamespace?: true;
  /** A class extending the CDK `Queue` whose `super` props set no `deadLetterQueue`. */
  readonly queueSubclass?: true;
  /** A helper returning a CDK Lambda function: the caller's keys that reach its DLQ props (rules/cdkBuiltFunctions.ts). */
  readonly functionBuilder?: { readonly dlqKeys: readonly string[] };
  /** The export is an HTTP client class whose calls' timeout is this constructor argument, defaulting to none. */
  readonly httpTimeoutArg?: number;
  /** The export is an HTTP library's own request function, untimed, handed on (js/httpClientExports.ts). */
  readonly httpClient?: HttpClientExport;
  /** The function hands back a batch API's answer without reading its failure field. */
  readonly batchResult?: { readonly what: string; readonly field: string };
  /** The construct class puts the function given under each of these props behind an API route (limit in s). */
  readonly apiRoutes?: Readonly<Record<string, number>>;
  /** The class's methods that hand back a batch API's answer without reading its failure field. */
  readonly batchMethods?: Readonly<Record<string, { readonly what: string; readonly field: string }>>;
  /** The function returns a random or clock value (`return Math.floor(Date.now() / 1000)`, `return randomUUID()`). */
  readonly randomReturn?: true;
  /**
   * Not randomReturn: the function returns a clock value only when a call omits the argument at this index
   * (`generateEventId(type, id, at?)`, rules/clockDefaults.ts); keepCandidate.ts compares each call's count.
   */
  readonly randomWhenOmitted?: number;
  /** The class's methods that return a random or clock value (`generate() { return uuidv4(); }`). */
  readonly randomMethods?: readonly string[];
  /** The function writes the parameters at these indexes as a deduplication key (rules/wrappedKeys.ts). */
  readonly keyParams?: readonly number[];
  /** The class's methods that write a parameter as a deduplication key, with its indexes. */
  readonly keyParamMethods?: Readonly<Record<string, readonly number[]>>;
  /** That value is the clock formatted to the day (`dayjs().format('YYYY-MM-DD')`): the same all day. */
  readonly randomDayOnly?: true;
  /** The function returns a Google API or OAuth2 client built with no timeout (rules/googleApis.ts). */
  readonly googleClient?: 'api' | 'oauth';
  /**
   * The function hands out an Octokit client: built here (untimed or maybe bounded), or the answer of other
   * project imports still to ask (js/clientProvenance.ts, rules/octokitClients.ts).
   */
  readonly octokitReturn?: ClientEnd;
  /**
   * The methods that answer a promise still pending when the call returns (`async disconnect()`), of the
   * exported class or of the class an exported singleton is made from (`export const users = new Users()`):
   * a call left unawaited floats.
   */
  readonly asyncMethods?: readonly string[];
  /**
   * Members of an exported object literal that are a project module's imports (`{ send }`): a call
   * of one is async when that export is (js/objectMembers.ts).
   */
  readonly memberImports?: Readonly<Record<string, ImportRef>>;
  /** The class's static methods that answer a promise (`static async put()`), called on the class itself. */
  readonly asyncStatics?: readonly string[];
  /** The function reads a queue or stream batch from its first argument (rules/batchDecoders.ts). */
  readonly batchEvent?: true;
  /** The class's or object's members that read a queue or stream batch from their event (rules/batchDecoderMembers.ts). */
  readonly batchEventMembers?: readonly string[];
  /** Members handing their event on to these project functions, by member name (rules/batchDecoderMembers.ts). */
  readonly batchEventForwards?: Readonly<Record<string, readonly DecoderRef[]>>;
  /** The function throws when the list handed to it holds more than one record (rules/batchSingleHelpers.ts). */
  readonly refusesBatch?: true;
  /** The function returns `{ batchItemFailures }` built from its first argument (rules/batchAnswerHelpers.ts). */
  readonly answersItems?: true;
  /**
   * The export is, builds, or (a class) has a method building a middy middleware whose `onError` answers
   * every error with a response and never rethrows (rules/httpErrorMiddleware.ts).
   */
  readonly answersErrors?: true;
  /** A wrapper whose returned function answers what its argument at this index answers (js/wrappedReturns.ts). */
  readonly forwards?: number;
  /** A Serverless function definition with no `timeout` of its own behind an API of this limit, in s (rules/serverlessTsImports.ts). */
  readonly serverlessApi?: number;
  /** The handler strings a Serverless function definition names, anchored (rules/liftTsWorkers.ts). */
  readonly serverlessHandlers?: readonly string[];
  /** An SST v2 stack function building an API whose routes take the app's function defaults: its limit, in s (rules/sstFunctionDefaults.ts). */
  readonly sstApi?: number;
  /** An SST v2 stack's returned fields holding services that absorb any request rate (rules/sstConsumerGrants.ts). */
  readonly sstAbsorbingFields?: readonly string[];
  /** An SST v3 Queue, `dlq` when another queue of its module dead-letters into it (rules/sstV3QueueConcurrency.ts). */
  readonly sstQueue?: 'queue' | 'dlq';
  /** The function answers a failure as a value: one of its returns is `left(...)`, `err(...)` (rules/queueErrorValues.ts). */
  readonly failureValue?: true;
  /** The function answers an HTTP answer whose status is always a constant 2xx (rules/successBuilders.ts). */
  readonly successAnswer?: true;
  /** The function answers an HTTP answer whose status is always this one constant (rules/fixedStatusBuilders.ts). */
  readonly fixedStatus?: number;
  /** An object of answer builders (`{ _400(data) {...} }`): the methods answering one constant status, by name. */
  readonly fixedStatusMethods?: Readonly<Record<string, number>>;
  /** The index of the status parameter whose 2xx default makes every answer 2xx when a call leaves it out. */
  readonly successDefaultAt?: number;
  /** The function answers the errors of its awaited work with null or undefined (rules/retryNullPolls.ts). */
  readonly nullOnError?: true;
  /** The function (`''`) or these methods log every failure of their I/O and rethrow it (rules/loggingDataLayer.ts). */
  readonly logsFailures?: readonly string[];
  /** The names (`''` for the function itself, or methods) whose every I/O sits in a try that ends its errors (rules/importedEndsErrors.ts). */
  readonly endsFailures?: readonly string[];
  /** The function does nothing when called: it logs at most, and returns nothing (rules/noopCalls.ts). */
  readonly doesNothing?: true;
  /** The function (`''`) or these methods only presign: no request leaves them (rules/presignHelpers.ts). */
  readonly presigns?: readonly string[];
}

/**
 * A catch that raises a new error with a fixed message for any failure of its try, around remote work:
 * the messages' fixed heads, and the remote system (here, or behind these project imports).
 */
export interface RebrandFact {
  readonly messages: readonly string[];
  readonly remote?: string;
  readonly through: readonly (ImportRef & { readonly method?: string })[];
}
