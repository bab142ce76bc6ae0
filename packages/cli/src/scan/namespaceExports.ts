// A namespace import (`import * as routers from './router'`) stands for every name its module exports,
// through its barrels (`export * from './orders'`, `export { a as b } from`). Asked of a serverless.ts
// whose `functions` is such a namespace: does one of the definitions it hands on pass a test?
import type { ExportFact } from './js/Candidate.js';
import type { Project } from './project.js';

/** A module that may hand on names from another (`export *`, `export { x } from`, `export { x }`). */
const PASSES_ON = /\bexport\s*(?:type\s*)?[*{]/;

/**
 * Whether some export of `file`, or of a module it re-exports, has a fact that passes `test`; a module
 * not analysed yet is read only where its text passes `mayHold` or it passes names on.
 * @example
 * someNamespaceExport(project, '/app/src/router/index.ts', (t) => t.includes('events'), (f) => f.serverlessApi !== undefined)
 */
export function someNamespaceExport(
  project: Project,
  file: string,
  mayHold: (text: string) => boolean,
  test: (fact: ExportFact) => boolean,
  seen = new Set<string>(),
): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = project.deferred.get(file);
  if (text !== undefined && !mayHold(text) && !PASSES_ON.test(text)) return false;
  const m = project.factsOf(file);
  if (m === undefined) return false;
  if (Object.values(m.exports).some((f) => f !== undefined && test(f))) return true;
  return m.reExports.some((re) => {
    const target = project.resolveModule(file, re.source);
    if (target === undefined) return false;
    if (re.names === undefined) return someNamespaceExport(project, target, mayHold, test, seen);
    // A nested namespace (`export * as jobs from`) is one entry holding a module, not a definition.
    return re.names.some(([, imported]) => {
      if (imported === '*') return false;
      const f = project.exportFactWhere(target, imported, mayHold);
      return f !== undefined && test(f);
    });
  });
}
