import { parseSync } from 'oxc-parser';

export type ParseOptions = Omit<NonNullable<Parameters<typeof parseSync>[2]>, 'sourceType'>;
type Parsed = ReturnType<typeof parseSync>;

// Node runs a CommonJS file inside a function wrapper, so `if (!ready) return;` at the top level is valid
// there, while a parser reading it as a plain script stops at it. Such a module was reported "does not
// parse" and every finding in it was lost.
const RETURN_OUTSIDE_FUNCTION = /'return' statement can only be used within a function body/;

// Node loads `.mjs`/`.mts` as ES modules whatever their syntax: a top-level return there is an error.
const ESM_ONLY = /\.m[jt]s$/;

// TypeScript's grammar checks that oxc reports as errors after building the whole tree: the code around
// them is read as written (`private async #m()` is still a private method). tsc refuses such a file, but
// transpilers (esbuild, tsx, swc) run it, so a scan that dropped the module as "does not parse" lost every
// finding in it. Only messages known to leave the tree whole belong here.
const WHOLE_TREE = new Set(['An accessibility modifier cannot be used with a private identifier.']);

/** Whether a parse diagnostic leaves no usable tree: an error other than a grammar check oxc recovers from. */
export function isFatal(error: { severity: string; message: string }): boolean {
  return error.severity === 'Error' && !WHOLE_TREE.has(error.message);
}

/**
 * Parses a JavaScript or TypeScript module as Node would load it: ESM when it has import/export syntax
 * (`unambiguous`), otherwise as a script, and as a CommonJS body (top-level `return` allowed) when the
 * script reading of a file Node may load as CommonJS stops at a top-level `return`. The source type is
 * decided here, so callers cannot pass one.
 *
 * @example
 * const parsed = parseSource('job.js', "const cfg = require('./cfg');\nif (!cfg.on) return;\n", { lang: 'js' });
 * parsed.errors; // []
 */
export function parseSource(file: string, source: string, options: ParseOptions = {}): Parsed {
  const parsed = parseSync(file, source, { ...options, sourceType: 'unambiguous' } as Parameters<
    typeof parseSync
  >[2]);
  const fatal = parsed.errors.find(isFatal);
  if (fatal === undefined || !RETURN_OUTSIDE_FUNCTION.test(fatal.message) || ESM_ONLY.test(file))
    return parsed;
  if ((parsed.program as { sourceType?: string }).sourceType !== 'script') return parsed;
  const commonjs = parseSync(file, source, { ...options, sourceType: 'commonjs' } as Parameters<
    typeof parseSync
  >[2]);
  if (commonjs.errors.some(isFatal)) return parsed;
  (parsed as { dispose?: () => void }).dispose?.();
  return commonjs;
}
