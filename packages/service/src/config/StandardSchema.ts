// The Standard Schema v1 types, re-exported from @bulwark/errors (their one copy, beside the recogniser that
// reads their issues) under this package's names, so users import them from where they pass a schema.

import type * as errors from '@bulwark/errors';

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
export type StandardSchemaV1<Input = unknown, Output = Input> = errors.StandardSchemaV1<Input, Output>;

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
export type StandardSchemaResult<Output> = errors.StandardSchemaResult<Output>;

/**
 * One validation issue, as a Standard Schema reports it.
 *
 * @example
 * ```ts
 * import type { StandardSchemaIssue } from '@bulwark/service';
 * const issue: StandardSchemaIssue = { message: 'Required', path: ['DATABASE_URL'] };
 * ```
 */
export type StandardSchemaIssue = errors.StandardSchemaIssue;
