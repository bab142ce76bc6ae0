// Validation failures: a Standard Schema result or a zod/valibot/ArkType error carries a non-empty
// `issues` list whose entries have a `message`. That is invalid input, the caller's to fix.

import { readProp, readString } from '../safeRead.js';
import type { Recogniser } from '../Verdict.js';

/** An `issues` list (Standard Schema, zod, valibot) -> permanent invalid input, 400. */
export const recogniseValidation: Recogniser = (node) => {
  const issues = readProp(node, 'issues');
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  if (typeof readString(issues[0], 'message') !== 'string') return undefined;
  const count = issues.length;
  return {
    kind: 'permanent',
    reason: 'invalid-input',
    code: readString(node, 'name') === 'ZodError' ? 'ZodError' : 'ValidationIssues',
    message: `the input failed validation (${count} issue${count === 1 ? '' : 's'})`,
  };
};
