// A stream event source that bisects a failed batch (`BisectBatchOnFunctionError: true`, CDK's
// `bisectBatchOnError`, serverless.yml's `bisectBatchOnFunctionError`) splits it until the record that
// throws is alone, retried and sent on: a handler that throws for a failed record needs no
// `ReportBatchItemFailures`. The setting is missing only behind a handler that answers
// `batchItemFailures` (Lambda ignores the answer and deletes the records it names) or one that catches
// and answers nothing (reported in its code, where the template's finding is merged: batchTwins.ts).
import type { HandlerFact, HandlerLink } from './js/ModuleFacts.js';

/**
 * Whether bisecting already does what a partial batch answer would: the source bisects, a failed record
 * throws out of the handler (no catch, allSettled or `.catch(` swallows it), the handler's module answers
 * no item failures, and the handler hands its event to no other module that might.
 * @example
 * bisectSuffices({ stems: ['src/projector'], export: 'handler', clearWhen: 'reported-in-code', bisects: true },
 *   { work: true, recordWork: true, throwsForRecord: true }) // true: a throwing record is isolated by the bisect
 */
export function bisectSuffices(link: HandlerLink, fact: HandlerFact): boolean {
  return (
    link.bisects === true &&
    fact.throwsForRecord === true &&
    fact.answersItems !== true &&
    fact.passesEvent === undefined
  );
}
