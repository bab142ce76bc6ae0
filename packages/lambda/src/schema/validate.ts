// Runs a Standard Schema and flattens its issues; the one place both handlers validate through.

import type { FieldIssue, StandardSchemaIssue, StandardSchemaV1 } from './StandardSchema.js';

export type ValidationOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  if (value === null) return false;
  const std = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return typeof std === 'object' && std !== null && std.version === 1 && typeof std.validate === 'function';
}

export async function validate<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
): Promise<ValidationOutcome<T>> {
  // await takes a plain result as it is, and a thenable from any realm (instanceof Promise would miss one).
  const result = await schema['~standard'].validate(value);
  if (result.issues !== undefined) return { ok: false, issues: result.issues.map(flattenIssue) };
  return { ok: true, value: result.value };
}

function flattenIssue(issue: StandardSchemaIssue): FieldIssue {
  const path = (issue.path ?? [])
    .map((segment) => (typeof segment === 'object' && segment !== null ? segment.key : segment))
    .map((key) => String(key))
    .join('.');
  return { path, message: String(issue.message) };
}
