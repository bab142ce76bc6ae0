// The Standard Schema v1 interface (standardschema.dev), copied structurally as the spec invites, so zod,
// valibot, arktype and friends plug in without Bulwark depending on any of them.

/**
 * Any validator that implements Standard Schema v1 (zod 3.24+, valibot 1, arktype 2, effect schema...).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { loadConfig, type StandardSchemaV1 } from '@bulwark/service';
 * const Env: StandardSchemaV1<unknown, { PORT: number }> = z.object({ PORT: z.coerce.number().int() });
 * const config = await loadConfig(Env);
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
 * import type { StandardSchemaResult } from '@bulwark/service';
 * const ok: StandardSchemaResult<number> = { value: 1 };
 * const bad: StandardSchemaResult<number> = { issues: [{ message: 'Expected a number', path: ['PORT'] }] };
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
 * import type { StandardSchemaIssue } from '@bulwark/service';
 * const issue: StandardSchemaIssue = { message: 'Required', path: ['DATABASE_URL'] };
 * ```
 */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}
