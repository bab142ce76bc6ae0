// The Standard Schema v1 interface (standardschema.dev), copied structurally as the spec invites, so zod,
// valibot, arktype and friends plug in without Bulwark depending on any of them.

/**
 * Any validator that implements Standard Schema v1 (zod 3.24+, valibot 1, arktype 2, effect schema...).
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { sqsHandler } from '@bulwark/lambda';
 * const Order = z.object({ id: z.string(), total: z.number() });
 * export const handler = sqsHandler(async (_record, { body }) => save(body), { schema: Order });
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
 * import type { StandardSchemaResult } from '@bulwark/lambda';
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
 * import type { StandardSchemaIssue } from '@bulwark/lambda';
 * const issue: StandardSchemaIssue = { message: 'Required', path: ['customer', { key: 'email' }] };
 * ```
 */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/**
 * A validation issue flattened for logs and HTTP responses: a dotted path (`items.0.sku`) and the message.
 *
 * @example
 * ```ts
 * import type { FieldIssue } from '@bulwark/lambda';
 * const issue: FieldIssue = { path: 'items.0.sku', message: 'Required' };
 * ```
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The output type of a Standard Schema. */
export type InferOutput<S> = S extends StandardSchemaV1<unknown, infer O> ? O : never;
