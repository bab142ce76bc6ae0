// What an exported handler does, and where a template's function names its handler: the facts about a
// module's entry points that the infrastructure rules join with templates (ModuleFacts.ts re-exports them).
import type { EventTaker } from './eventTakers.js';

/** A CDK function's handler: candidate module paths (absolute, no extension) and the export. */
export interface HandlerLink {
  readonly stems: readonly string[];
  readonly export: string;
  /**
   * `reported-in-code`: a template's batch finding, dropped when the handler's own code is reported for
   * the same problem (one finding per consumer, at the code; its message names the template).
   * `answers-nothing`: a subscription that does not ask Lambda to read partial batch responses, kept only
   * when its handler answers batchItemFailures (rules/sstV3PartialResponses.ts); code the scan cannot find
   * settles it too, as nothing is known to be answered into the void.
   */
  readonly clearWhen: 'no-work' | 'no-record-work' | 'reported-in-code' | 'answers-nothing';
  /**
   * A stream source that bisects a failed batch (`BisectBatchOnFunctionError`): a handler that throws for
   * a failed record gets it isolated without reporting item failures, so the missing
   * `ReportBatchItemFailures` loses records only behind a handler that answers `batchItemFailures`
   * (bisectedStreams.ts).
   */
  readonly bisects?: true;
  /**
   * Handler strings the function's own packaged artifact names (`ingest/index.handler` of
   * `dist/ingest/ingest.zip`): matched by the end of a module's path (handlerJoin.ts), never anchored.
   */
  readonly packaged?: readonly string[];
  /**
   * The service folder (absolute) `packaged` code sits under, when the finding's file is not in it: a
   * functions file a serverless.yml includes from a sub-folder (`dev/functions.yml`).
   */
  readonly packagedUnder?: string;
}

/** What an exported handler does, as far as the infrastructure that invokes it cares. */
export interface HandlerFact {
  /** Awaits, throws, or calls anything but a logger. */
  readonly work: boolean;
  /** Does work on the batch's records one by one (or hands the event to code that may). */
  readonly recordWork: boolean;
  /** Consumes a queue or stream batch (or its records), which the event source redelivers on failure. */
  readonly redelivered?: true;
  /** Its module answers partial batch failures (`batchItemFailures`, Powertools, middy): Lambda must be asked to read them. */
  readonly answersItems?: true;
  /**
   * This export's own handler answers `{ batchItemFailures }` (its code, a helper of its module, Powertools,
   * middy's partial-batch middleware on the export): evidence, unlike answersItems, so a finding may rest on it.
   */
  readonly returnsItemAnswer?: true;
  /** Every failure on a record's path throws out of the handler (rules/recordThrows.ts): a bisect can isolate it. */
  readonly throwsForRecord?: true;
  /**
   * Project functions the handler hands its whole event to (`await processBatch(event, deps)`), by import
   * (js/eventTakers.ts): they take the batch the handler's event source delivers.
   */
  readonly passesEvent?: readonly EventTaker[];
  /**
   * It only hands its batch on: it passes its event (passesEvent), names no record itself, and its module
   * answers no item failure in words (middy, Powertools, `batchItemFailures`), parks or deletes none. Only
   * such a handler is served by a shared batch function (sharedBatchServes.ts): one with a loop or an answer
   * of its own is judged, or fixed in its template, where it stands.
   */
  readonly delegatesBatch?: true;
}
