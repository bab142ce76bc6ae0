// Code no deployed handler runs: a finding there is dead code a reviewer deletes rather than hardens. Each
// way the project pass knows it, cheapest first: only operator scripts call its exports (scriptCallers.ts), the
// project imports its module for other exports (unnamedExports.ts) or for other methods of its class
// (unnamedMethods.ts), or nothing loads its module at all (deadModules.ts).
import { deadModule } from './deadModules.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';
import { scriptOnly } from './scriptCallers.js';
import { unnamedExport } from './unnamedExports.js';
import { unnamedMethod } from './unnamedMethods.js';

/**
 * Is `c`, found in `file`, in code that no handler of the project runs (see above)?
 *
 * @example
 * unreachedCode(project, '/app/src/invoices.ts', c) // true: c's method voidInvoice is named by no module
 */
export function unreachedCode(project: Project, file: string, c: Candidate): boolean {
  if (c.reachedThrough !== undefined && scriptOnly(project, file, c.reachedThrough)) return true;
  return unnamedExport(project, file, c) || unnamedMethod(project, file, c) || deadModule(project, file, c);
}
