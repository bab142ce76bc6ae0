// The error a refused configuration throws: every problem at once, values never included.

/**
 * One configuration problem: the dotted path of the key and the validator's message, with the key's value
 * (and any secret-looking key's value) removed from it.
 *
 * @example
 * ```ts
 * import type { ConfigProblem } from '@bulwark/service';
 * const problem: ConfigProblem = { path: 'PORT', message: 'Invalid input: expected number, received NaN' };
 * ```
 */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by `loadConfig` when the schema refuses the configuration; `problems` lists every issue.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { isConfigError, loadConfig } from '@bulwark/service';
 * try {
 *   await loadConfig(z.object({ PORT: z.coerce.number() }), { source: { PORT: 'x' } });
 * } catch (error) {
 *   if (isConfigError(error)) console.error(error.problems);
 * }
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError' as const;
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const shown = problems
      .slice(0, 20)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    const more = problems.length > 20 ? `; and ${problems.length - 20} more` : '';
    super(
      `configuration refused (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}): ${shown}${more}`,
    );
    this.problems = problems;
  }

  /** Marker read by `isConfigError`, so two copies of the package agree. */
  get isConfigError(): true {
    return true;
  }
}

/**
 * True for a `ConfigError`, from this copy of the package or another.
 *
 * @example
 * ```ts
 * import { isConfigError } from '@bulwark/service';
 * console.log(isConfigError(new Error('x'))); // false
 * ```
 */
export function isConfigError(error: unknown): error is ConfigError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isConfigError?: unknown }).isConfigError === true &&
    Array.isArray((error as { problems?: unknown }).problems)
  );
}
