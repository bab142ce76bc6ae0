// Validation issues go into log lines; their messages may quote the input (zod: "received 'x'"), so they are
// redacted and bounded like any other text we do not control.

import { redactText } from '@bulwark/errors';
import type { FieldIssue } from '../schema/StandardSchema.js';

const MAX_ISSUES = 20;

/** The `issues` of an InvalidRecordError / InvalidRequestError, safe to log; undefined for anything else. */
export function loggableIssues(error: unknown): FieldIssue[] | undefined {
  try {
    const issues = (error as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) return undefined;
    return issues.slice(0, MAX_ISSUES).map((issue: FieldIssue) => ({
      path: redactText(issue?.path, 200),
      message: redactText(issue?.message, 300),
    }));
  } catch {
    // A throwing getter or a hostile array: nothing safe to log.
  }
  return undefined;
}
