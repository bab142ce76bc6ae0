// Configuration checked before the service opens a port: one Standard Schema over the environment (or any
// object), every problem reported at once, and no value echoed back, since configuration holds secrets and
// some validators quote the received value in their messages (valibot: `Expected number but received "..."`).

import { optionError, readOptions, redactText } from '@bulwark/errors';
import { jsonLineLogger, type ServiceLogger } from '../options/ServiceLogger.js';
import { ConfigError, type ConfigProblem } from './ConfigError.js';
import type { StandardSchemaIssue, StandardSchemaV1 } from './StandardSchema.js';

/**
 * Where the configuration comes from and which keys hold secrets.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { loadConfig } from '@bulwark/service';
 * const config = await loadConfig(z.object({ PORT: z.coerce.number() }), {
 *   source: { PORT: '8080' },
 *   secretKeys: /SECRET|TOKEN|PASSWORD/i,
 * });
 * ```
 */
export interface LoadConfigOptions {
  /** @defaultValue `process.env` */
  readonly source?: Readonly<Record<string, unknown>>;
  /**
   * Keys whose values are removed from every message, whichever key the message is about.
   * @defaultValue `DEFAULT_SECRET_KEYS`
   */
  readonly secretKeys?: RegExp;
}

/**
 * Keys treated as secrets by default: their values never appear in a problem message.
 *
 * @example
 * ```ts
 * import { DEFAULT_SECRET_KEYS } from '@bulwark/service';
 * console.log(DEFAULT_SECRET_KEYS.test('DATABASE_URL')); // true
 * ```
 */
export const DEFAULT_SECRET_KEYS =
  /SECRET|TOKEN|PASSW|KEY|CREDENTIAL|AUTH|COOKIE|PRIVATE|SIGNATURE|SESSION|DSN|URL|URI|CONNECTION/i;

const OWNER = 'loadConfig';
const REDACTED = '[redacted]';
const MAX_PROBLEMS = 100;

function segment(part: PropertyKey | { readonly key: PropertyKey }): string {
  const key = typeof part === 'object' && part !== null ? part.key : part;
  return typeof key === 'symbol' ? (key.description ?? 'symbol') : String(key);
}

function valueAt(source: unknown, path: readonly string[]): unknown {
  let value = source;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    try {
      value = (value as Record<string, unknown>)[key];
    } catch {
      return undefined;
    }
  }
  return value;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return undefined;
}

function scrub(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) {
    text = text.split(secret).join(REDACTED);
    const quoted = JSON.stringify(secret).slice(1, -1);
    if (quoted !== secret) text = text.split(quoted).join(REDACTED);
  }
  return redactText(text, 300);
}

function problemsOf(
  issues: readonly StandardSchemaIssue[],
  source: Readonly<Record<string, unknown>>,
  secretKeys: RegExp,
): ConfigProblem[] {
  const secretValues: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (!secretKeys.test(key)) continue;
    const text = asText(value);
    if (text !== undefined && text.length > 0) secretValues.push(text);
  }
  const problems: ConfigProblem[] = [];
  for (const issue of issues.slice(0, MAX_PROBLEMS)) {
    const path = (issue.path ?? []).map(segment);
    const own = asText(valueAt(source, path));
    // A short non-secret value ("1", "true") is no secret, and erasing it would garble the message's numbers.
    const ownIsSecret = own !== undefined && (own.length >= 4 || path.some((key) => secretKeys.test(key)));
    const secrets = [...secretValues, ...(ownIsSecret ? [own] : [])]
      .filter((s) => s.length > 0)
      .sort((a, b) => b.length - a.length);
    problems.push({
      path: path.length === 0 ? '(root)' : redactText(path.join('.'), 120),
      message: scrub(String(issue.message), secrets),
    });
  }
  if (issues.length > MAX_PROBLEMS) {
    problems.push({ path: '(more)', message: `${issues.length - MAX_PROBLEMS} more problems not shown` });
  }
  return problems;
}

/**
 * Validates the configuration (the environment by default) with any Standard Schema validator and returns its
 * output. Throws a `ConfigError` listing every problem, with no configuration value in it.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { loadConfig } from '@bulwark/service';
 * const config = await loadConfig(
 *   z.object({ PORT: z.coerce.number().int().min(1).max(65_535), PAYMENTS_URL: z.url() }),
 * );
 * ```
 */
export async function loadConfig<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  options?: LoadConfigOptions,
): Promise<Output> {
  const o = readOptions(OWNER, options, ['source', 'secretKeys']);
  if (typeof (schema as StandardSchemaV1 | null)?.['~standard']?.validate !== 'function') {
    throw optionError(OWNER, 'schema', schema, 'a Standard Schema (zod, valibot, arktype...)');
  }
  const source = (o.source ?? process.env) as Readonly<Record<string, unknown>>;
  if (typeof source !== 'object' || source === null) {
    throw optionError(OWNER, 'source', source, 'an object such as process.env');
  }
  if (o.secretKeys !== undefined && !(o.secretKeys instanceof RegExp)) {
    throw optionError(OWNER, 'secretKeys', o.secretKeys, 'a RegExp');
  }
  const secretKeys = (o.secretKeys as RegExp | undefined) ?? DEFAULT_SECRET_KEYS;
  let copy: Record<string, unknown>;
  try {
    copy = { ...source };
  } catch {
    throw new TypeError(`${OWNER}: source could not be read (a getter or Proxy threw)`);
  }
  const result = await schema['~standard'].validate(copy);
  if (result.issues) {
    const problems = problemsOf(result.issues, copy, secretKeys);
    throw new ConfigError(
      problems.length > 0 ? problems : [{ path: '(root)', message: 'refused without a reason' }],
    );
  }
  return result.value;
}

/**
 * `loadConfig`, and on a refused configuration: one error line listing every problem, then exit 1, before the
 * service opens any port. Call it first in `main`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { loadConfigOrExit } from '@bulwark/service';
 * const config = await loadConfigOrExit(z.object({ PORT: z.coerce.number().int() }));
 * ```
 */
export async function loadConfigOrExit<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  options?: LoadConfigOptions & {
    /** @defaultValue one JSON line on stderr */
    readonly logger?: ServiceLogger;
    /** @defaultValue `(code) => process.exit(code)` */
    readonly exit?: (code: number) => never | void;
  },
): Promise<Output> {
  const o = readOptions('loadConfigOrExit', options, ['source', 'secretKeys', 'logger', 'exit']);
  const logger = (o.logger as ServiceLogger | undefined) ?? jsonLineLogger('config');
  const exit = (o.exit as ((code: number) => void) | undefined) ?? ((code: number) => process.exit(code));
  if (typeof logger.error !== 'function') {
    throw optionError('loadConfigOrExit', 'logger', o.logger, 'an object with an error method');
  }
  if (typeof exit !== 'function') throw optionError('loadConfigOrExit', 'exit', o.exit, 'a function');
  const rest: LoadConfigOptions = {
    ...(o.source === undefined ? {} : { source: o.source as Record<string, unknown> }),
    ...(o.secretKeys === undefined ? {} : { secretKeys: o.secretKeys as RegExp }),
  };
  try {
    return await loadConfig(schema, rest);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`${error.message}; the service did not start`, { problems: error.problems });
    exit(1);
    throw error;
  }
}
