// What the per-file pass hands to the project pass: findings that may still depend on other files.

/** A name imported from another file of the project, to be resolved once every file is parsed. */
export interface ImportRef {
  /** Absolute path of the importing file. */
  readonly from: string;
  readonly source: string;
  readonly name: string;
}

export type Protection = 'retry' | 'breaker' | 'timeout';

export interface Candidate {
  readonly rule: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly snippet: string;
  /** Dropped when any of these project imports turns out to provide `kind` (a wrapper defined elsewhere). */
  readonly unlessImportProvides?: { readonly kind: Protection; readonly imports: readonly ImportRef[] };
  /** Kept only when this project import turns out to be an async function. */
  readonly onlyIfImportAsync?: ImportRef;
  /** For batch handlers: the export name, so IaC with `BatchSize: 1` for it can clear the finding. */
  readonly handlerExport?: string;
  /**
   * For infrastructure findings about a function (CDK): where its handler's code is, so the project pass
   * can drop the finding when that handler does no work (`no-work`) or no work per record (`no-record-work`).
   */
  readonly handlerLink?: HandlerLink;
}

/** A CDK function's handler: candidate module paths (absolute, no extension) and the export. */
export interface HandlerLink {
  readonly stems: readonly string[];
  readonly export: string;
  readonly clearWhen: 'no-work' | 'no-record-work';
}

/** What an exported handler does, as far as the infrastructure that invokes it cares. */
export interface HandlerFact {
  /** Awaits, throws, or calls anything but a logger. */
  readonly work: boolean;
  /** Does work on the batch's records one by one (or hands the event to code that may). */
  readonly recordWork: boolean;
}

/** What a module offers to its importers. */
export interface ExportFact {
  /** Protections a wrapper applies to the work it is given, or a policy object provides. */
  readonly provides: readonly Protection[];
  /** Imports whose protections add to `provides` once resolved. */
  readonly via: readonly ImportRef[];
  readonly async: boolean;
}

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
  /** Handlers (`/abs/path/stem.export`) whose CDK event source has `batchSize: 1`. */
  readonly batchOneHandlers?: readonly string[];
  readonly parseError?: string;
}
