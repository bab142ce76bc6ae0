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
  const what =
    error instanceof Error
      ? `${error.name}: ${error.message.split('\n')[0]?.slice(0, 200)}`
      : String(error).slice(0, 200);
  return `analysis failed (${what}); no finding of this file is reported`;
}
