// The conditions a candidate carries on another module of the project: what an imported function, class or
// stack turns out to be (its ExportFact) settles whether the finding is kept. Apart from Candidate.ts so
// each family of conditions reads as one concept (as TerraformConditions and AuthConditions do).
import type { ImportRef } from './Candidate.js';
import type { SstTransform } from './rules/sstV3Transforms.js';

/**
 * A finding's conditions on project imports, each answered by the project pass from the imported module's facts.
 * @example
 * const kept: ImportConditions = { onlyIfImportSuccessAnswer: { from: '/app/src/handler.ts', source: './libs/api', name: 'ok' } };
 */
export interface ImportConditions {
  /** A catch answering a constant: dropped when every one of these imported calls logs and rethrows (ExportFact.logsFailures). */
  readonly unlessImportsLog?: readonly (ImportRef & { readonly method: string })[];
  /** A catch judged as if these imported calls were log lines: kept when each does nothing (ExportFact.doesNothing). */
  readonly onlyIfImportsDoNothing?: readonly ImportRef[];
  /** A catch whose try reaches other systems only through these imported calls: dropped when each ends its own errors (ExportFact.endsFailures). */
  readonly unlessImportsEnd?: readonly (ImportRef & { readonly method: string })[];
  /** A catch whose try reaches other systems only through these imported calls: dropped when each only presigns (ExportFact.presigns). */
  readonly unlessImportsPresign?: readonly (ImportRef & { readonly method: string })[];
  /** A call a queue handler returns: kept when that imported function answers failures as values (ExportFact.failureValue). */
  readonly onlyIfImportFailureValue?: ImportRef;
  /** A poll re-calling this imported function: kept when it answers its errors with null (ExportFact.nullOnError). */
  readonly onlyIfImportNullOnError?: ImportRef;
  /** Kept only if the imported class extends the CDK `Queue` without a `deadLetterQueue` (cdkQueueSubclasses.ts). */
  readonly onlyIfImportQueueSubclass?: ImportRef;
  /** A helper-built function invoked asynchronously: kept when the helper gives it no DLQ and `keys` pass none (cdkBuiltFunctions.ts). */
  readonly onlyIfImportFunctionBuilder?: {
    readonly ref: ImportRef;
    readonly keys: readonly string[];
    readonly spread: boolean;
  };
  /** A catch answering through this imported builder: kept when its status is always a constant 2xx (ExportFact.successAnswer). */
  readonly onlyIfImportSuccessAnswer?: ImportRef & { readonly args?: number };
  /**
   * A catch answering this imported builder's answer with constant arguments (`Responses._400({ ... })`):
   * kept when that function, or its `method`, answers one fixed status below 500 (ExportFact.fixedStatus).
   */
  readonly onlyIfImportFixedStatus?: ImportRef & { readonly method?: string };
  /** A middy middleware from another module: kept when its `onError` answers every error (ExportFact.answersErrors). */
  readonly onlyIfImportAnswersErrors?: ImportRef;
  /**
   * A key whose only changing part is this project import's answer (`${epochSecondsNow()}-${id}`): kept when
   * that function returns a random or clock value (ExportFact.randomReturn).
   */
  readonly onlyIfImportRandom?: ImportRef & {
    /**
     * How many arguments the call passes (Infinity when one is spread: it may pass any number), compared
     * with ExportFact.randomWhenOmitted: a helper given its time argument makes the same key on a retry.
     */
    readonly args?: number;
    /** A method of the imported class (or instance) rather than the import itself: ExportFact.randomMethods. */
    readonly method?: string;
  };
  /**
   * A random argument to this project import (or its `method`): kept when the import writes the parameter
   * at `index` as a deduplication key (ExportFact.keyParams, keyParamMethods; rules/wrappedKeys.ts).
   */
  readonly onlyIfImportKeyParam?: ImportRef & { readonly index: number; readonly method?: string };
  /** The key also carries a stable record id: dropped when that import's value is only the day (randomDayOnly). */
  readonly unlessImportDayOnly?: true;
  /** A Google API request on a client this import returns: kept when it builds one of `kind` with no timeout. */
  readonly onlyIfImportGoogleClient?: { readonly ref: ImportRef; readonly kind: 'api' | 'oauth' };
  /**
   * A request on a client these project imports hand out (a factory, a memoising getter): kept when one of
   * them ends in an Octokit built with no request timeout (ExportFact.octokitReturn, importedOctokit.ts).
   */
  readonly onlyIfImportOctokitUntimed?: readonly ImportRef[];
  /**
   * An app-wide default timeout of these seconds (serverless.ts `provider.timeout`; SST v2's default in an
   * earlier stack): kept when an imported definition or stack takes it behind an API whose limit it reaches
   * (ExportFact.serverlessApi, ExportFact.sstApi; keepCandidate's `behindApi` judges both).
   */
  readonly onlyIfImportServerlessApi?: { readonly refs: readonly ImportRef[]; readonly seconds: number };
  readonly onlyIfImportSstApi?: { readonly refs: readonly ImportRef[]; readonly seconds: number };
  /**
   * An SST v2 queue consumer that only binds or permits absorbing services and these fields of other stacks
   * (`use(DataStack)`): dropped when each is such a service in its stack's returns (ExportFact.sstAbsorbingFields).
   */
  readonly unlessSstFieldsAbsorb?: readonly (ImportRef & { readonly field: string })[];
  /** Kept only when this import is an SST v3 Queue no other queue dead-letters into (ExportFact.sstQueue). */
  readonly onlyIfImportSstQueue?: ImportRef;
  /** An SST v3 queue this module exports under that name: kept when an importer subscribes it (ModuleFacts.sstSubscribed). */
  readonly onlyIfExportSubscribed?: string;
  /** Dropped when some module of the app writes an app-wide `$transform` that settles it (ModuleFacts.sstTransforms). */
  readonly unlessSstTransform?: SstTransform;
}
