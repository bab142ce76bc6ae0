// The facts the per-file pass hands to the project pass about one module (its candidates are Candidate.ts).

import type { Candidate, ExportFact, FieldRoute, HandlerFact, ImportRef, PassedProps } from './Candidate.js';
import type { ClientFacts } from './handedInClients.js';

export interface ReExport {
  readonly source: string;
  /** [exported, imported] pairs; undefined for `export * from`. */
  readonly names?: readonly (readonly [string, string])[];
}

/** A `// bulwark-ignore rule: reason` comment. */
export interface IgnoreDirective {
  /** The line the directive silences (its own line for a trailing comment, else the next line). */
  readonly line: number;
  readonly rules: readonly string[];
  readonly reason: string;
}

/** Everything the per-file pass learns about one module, for the project pass. */
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
  /** Per exported function, the project imports it calls, itself or through module-local functions. */
  readonly exportCalls?: Readonly<Record<string, readonly ImportRef[]>>;
  /** Imported functions whose falsy result this module answers 401/403 on (rules/authAcrossModules.ts). */
  readonly authGates?: readonly ImportRef[];
  /** Imported error classes this module answers 401/403 for by `instanceof` (rules/authErrorClasses.ts). */
  readonly authErrorMaps?: readonly ImportRef[];
  /** Imported functions this module calls, and whether every call reads the awaited result (js/resultUse.ts). */
  readonly resultUses?: readonly { readonly ref: ImportRef; readonly reads: boolean }[];
  /** Calls whose awaited result a statement drops, and the imports that may define them (rules/errorValues.ts). */
  readonly droppedAwaits?: { readonly sources: readonly string[]; readonly names: readonly string[] };
  /** Handlers (`/abs/path/stem.export`) whose CDK event source has `batchSize: 1`. */
  readonly batchOneHandlers?: readonly string[];
  /** Handler strings wired to a queue, stream or asynchronous source (iac/eventWiredHandlers.ts). */
  readonly eventHandlers?: readonly string[];
  /** Handlers (`stem.export`) that are one-record consumers when the imported construct built with them is. */
  readonly batchOneIfWrapper?: readonly { readonly ref: ImportRef; readonly handler: string }[];
  /** Fields of imported constructs this module hands to an imported API construct (rules/cdkApiProps.ts). */
  readonly fieldRoutes?: readonly FieldRoute[];
  /** Project helpers this module calls or builds with props (rules/cdkPassedProps.ts). */
  readonly passedProps?: readonly PassedProps[];
  /** Every exported handler ignores its event: a job that selects its own work (rules/catchFacts.ts). */
  readonly job?: true;
  /** The module's handlers are redelivered or retried consumers (queues, streams, asynchronous events). */
  readonly consumer?: true;
  /** What the HTTP client instances this module creates lack (js/handedInClients.ts). */
  readonly httpClients?: ClientFacts;
  /**
   * The exported classes of this module and the interfaces they implement, with the source each is imported
   * from ('' when declared here): a field typed by the interface runs one of them (importerUses.ts).
   */
  readonly implementers?: readonly { readonly cls: string; readonly source: string; readonly name: string }[];
  /** Project import sources (type-only and re-exports too), for the callers of a shared module (eventCallers.ts). */
  readonly importSources?: readonly string[];
  readonly parseError?: string;
  /**
   * No rule can report here (js/ruleGate.ts): only the syntax was checked, and the facts above are empty
   * until the project pass analyses the module in full because an importer asks.
   */
  readonly deferred?: true;
}
