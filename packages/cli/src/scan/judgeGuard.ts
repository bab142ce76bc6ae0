// The project-wide judging of a file (cross-module lookups, template wiring, messages) runs rule code on
// shapes nobody foresaw. A throw there must cost that file's findings, said in the report, and not the
// whole scan: a CI step that crashes reports nothing, and a user cannot tell a crash from a clean tree.
import type { ScanProblem } from './Finding.js';

/**
 * Runs `judge` for `file`; true when it finished. When it throws, an `analysis-error` problem naming the file
 * and the error is added to `problems` (no path or source text: only the error's name and message) and the
 * answer is false, so the caller drops whatever the file produced before the throw.
 * @example
 * const problems: ScanProblem[] = [];
 * if (judgedOrProblem('src/a.ts', problems, () => judge(file))) keep(file);
 */
export function judgedOrProblem(file: string, problems: ScanProblem[], judge: () => void): boolean {
  try {
    judge();
    return true;
  } catch (error: unknown) {
    problems.push({ file, kind: 'analysis-error', message: analysisFailure(error) });
    return false;
  }
}

/**
 * The message of a problem a rule's throw became: what failed and that the file's findings are missing.
 * @example
 * analysisFailure(new RangeError('Maximum call stack size exceeded'));
 * // 'analysis failed (RangeError: Maximum call stack size exceeded); no finding of this file is reported'
 */
export function analysisFailure(error: unknown): string {
  return `analysis failed (${thrownSummary(error)}); no finding of this file is reported`;
}

/**
 * Runs one project-wide pass (template wiring, Terraform modules, wrapper builders, batch twins), before the
 * per-file judging, and answers its result. When it throws, answers `fallback` (what the scan knew without
 * the pass) and adds an `analysis-error` problem at the root (`.`) naming the pass and the error: the scan
 * goes on with that pass's knowledge missing, as a file's throw costs only that file.
 * @example
 * const problems: ScanProblem[] = [];
 * const routed = projectPassOr('template routes', problems, () => true, () => routedElsewhere(templates));
 */
export function projectPassOr<T>(pass: string, problems: ScanProblem[], fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error: unknown) {
    problems.push({
      file: '.',
      kind: 'analysis-error',
      message: `project pass "${pass}" failed (${thrownSummary(error)}); findings that depend on it may be missing`,
    });
    return fallback;
  }
}

/**
 * Runs one project-wide pass per item (a template, a Terraform folder) and answers every result, in order.
 * An item whose run throws adds nothing; the pass's failures make ONE `analysis-error` problem, at the first
 * failing item's file, naming the pass, that item, how many failed and the first error: a shape that breaks
 * the pass usually repeats in every template of a boilerplate, and one problem per template says the same
 * thing twenty times.
 * @example
 * const problems: ScanProblem[] = [];
 * const handlers = projectPassEach('batch-one sources', problems, templates, (t) => t.rel, (t) => sourcesOf(t));
 */
export function projectPassEach<I, T>(
  pass: string,
  problems: ScanProblem[],
  items: Iterable<I>,
  fileOf: (item: I) => string,
  run: (item: I) => readonly T[],
): T[] {
  const out: T[] = [];
  const failed: string[] = [];
  let first: unknown;
  for (const item of items) {
    try {
      out.push(...run(item));
    } catch (error: unknown) {
      if (failed.length === 0) first = error;
      failed.push(fileOf(item));
    }
  }
  if (failed.length > 0) {
    const others = failed.length > 1 ? ` and ${failed.length - 1} more` : '';
    problems.push({
      file: failed[0] as string,
      kind: 'analysis-error',
      message: `project pass "${pass}" failed here${others} (${thrownSummary(first)}); findings that depend on it may be missing`,
    });
  }
  return out;
}

/**
 * The error's name and first line, bounded: never a stack, a path of the machine, or a source excerpt. It
 * must not throw itself (it runs inside the guards): a thrown value with no usable `toString`
 * (`Object.create(null)`) or an Error whose message is not a string is summarised by its type alone.
 */
function thrownSummary(error: unknown): string {
  try {
    return error instanceof Error
      ? `${String(error.name)}: ${String(error.message).split('\n')[0]?.slice(0, 200)}`
      : String(error).slice(0, 200);
  } catch {
    return `a thrown ${typeof error}`;
  }
}
