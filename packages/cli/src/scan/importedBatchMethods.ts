// A batch answer method declared in another module of the project: the project pass asks the imported class's
// or interface's module, so a library's method of the same name is never taken for the project's.
import type { Project } from './project.js';

/**
 * Does a class or interface `file` imports from the project declare `method` as one returning a batch answer
 * whole (rules/batchMethods.ts)? A library's method of the same name (a data mapper's `batchWrite` that
 * retries leftovers itself) is not the project's.
 * @example
 * importsBatchAnswerMethod(project, '/app/src/handler.ts', 'writeAll', [{ source: './store', name: 'Store' }]);
 */
export function importsBatchAnswerMethod(
  project: Project,
  file: string,
  method: string,
  imports: readonly { readonly source: string; readonly name: string }[],
): boolean {
  return imports.some(({ source, name }) => {
    const target = project.resolveModule(file, source);
    return (
      target !== undefined &&
      (project.factsOf(target)?.batchAnswerMethods ?? []).includes(`${name}.${method}`)
    );
  });
}
