// The Standard Schema v1 interface (standardschema.dev), copied structurally as the spec invites, so zod,
// valibot, arktype and friends plug in without Bulwark depending on any of them. It lives here, beside the
// validation recogniser that already reads its `issues`, so @bulwark/lambda and @bulwark/service share one copy.

/**
 * Any validator that implements Standard Schema v1 (zod 3.24+, valibot 1, arktype 2, effect schema...).
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1 } from '@bulwark/errors';
 * const Positive: StandardSchemaV1<unknown, number> = {
 *   '~standard': {
 *     version: 1,
 *     vendor: 'hand-written',
 *     validate: (v) => (typeof v === 'number' && v > 0 ? { value: v } : { issues: [{ message: 'must be > 0' }] }),
 *   },
 * };
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/**
 * What a Standard Schema's `validate` returns: a value, or issues.
 *
 * @example
 * ```ts
 * import type { StandardSchemaResult } from '@bulwark/errors';
 * const ok: StandardSchemaResult<number> = { value: 1 };
 * const bad: StandardSchemaResult<number> = { issues: [{ message: 'Expected a number', path: ['total'] }] };
 * ```
 */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardSchemaIssue[] };

/**
 * One validation issue, as a Standard Schema reports it.
 *
 * @example
 * ```ts
 * import type { StandardSchemaIssue } from '@bulwark/errors';
 * const issue: StandardSchemaIssue = { message: 'Required', path: ['customer', { key: 'email' }] };
 * ```
 */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}
