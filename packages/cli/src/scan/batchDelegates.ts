// A batch function that is not the Lambda entry but a delegate of one: a thin handler module hands its
// whole event on (`export const handler = (event) => processAccountDeletion(event, service)`), so the
// template's event source names the handler's export, not the delegate's. When every module that calls the
// delegate has a handler whose event source takes one record (`BatchSize: 1`), the delegate never sees a
// second record either: failing the invocation fails exactly the one message.
import type { Project } from './project.js';

/**
 * Do the delegate's callers exist and all own a batch-size-1 handler? Callers are the modules importing
 * `file` that name one of `names` (js/rules/lambda.ts puts the delegate's export names on the candidate).
 */
export function delegatedToBatchOne(project: Project, file: string, names: readonly string[]): boolean {
  const callers = project.eventCallers.mentioning(file, names);
  if (callers.length === 0) return false;
  return callers.every((caller) => {
    const handlers = project.factsOf(caller)?.handlers;
    return handlers !== undefined && Object.keys(handlers).some((name) => project.isBatchOne(caller, name));
  });
}
