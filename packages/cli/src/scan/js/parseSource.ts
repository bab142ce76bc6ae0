import { parseSync } from 'oxc-parser';

type Options = Parameters<typeof parseSync>[2];
type Parsed = ReturnType<typeof parseSync>;

// Node runs a CommonJS file inside a function wrapper, so `if (!ready) return;` at the top level is valid
// there, while a parser reading it as a plain script stops at it. Such a module was reported "does not
// parse" and every finding in it was lost.
const RETURN_OUTSIDE_FUNCTION = /'return' statement can only be used within a function body/;

/**
 * Parses a JavaScript or TypeScript module as Node would load it: ESM when it has import/export syntax
 * (`unambiguous`), otherwise as a script, and as a CommonJS body (top-level `return` allowed) when the
 * script reading stops at a top-level `return`. `options.sourceType` is ignored: the reading is decided here.
 *
 * @example
 * const parsed = parseSource('job.js', "const cfg = require('./cfg');\nif (!cfg.on) return;\n", { lang: 'js' });
 * parsed.errors; // []
 */
export function parseSource(file: string, source: string, options: Options): Parsed {
  const parsed = parseSync(file, source, { ...(options ?? {}), sourceType: 'unambiguous' } as Options);
  const fatal = parsed.errors.find((e) => e.severity === 'Error');
  if (fatal === undefined || !RETURN_OUTSIDE_FUNCTION.test(fatal.message)) return parsed;
  if ((parsed.program as { sourceType?: string }).sourceType !== 'script') return parsed;
  const commonjs = parseSync(file, source, { ...(options ?? {}), sourceType: 'commonjs' } as Options);
  if (commonjs.errors.some((e) => e.severity === 'Error')) return parsed;
  (parsed as { dispose?: () => void }).dispose?.();
  return commonjs;
}
