// The Standard Schema v1 types, re-exported from @bulwark/errors (their one copy, beside the recogniser that
// reads their issues) under this package's names, so users import them from where they pass a schema.

import type * as errors from '@bulwark/errors';

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
export type StandardSchemaV1<Input = unknown, Output = Input> = errors.StandardSchemaV1<Input, Output>;

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
export type StandardSchemaResult<Output> = errors.StandardSchemaResult<Output>;

/**
 * One validation issue, as a Standard Schema reports it.
 *
 * @example
 * ```ts
 * import type { StandardSchemaIssue } from '@bulwark/lambda';
 * const issue: StandardSchemaIssue = { message: 'Required', path: ['customer', { key: 'email' }] };
 * ```
 */
export type StandardSchemaIssue = errors.StandardSchemaIssue;

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
