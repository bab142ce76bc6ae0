// The project side of js/passedAsync.ts: does every handler that reaches an exported function hand the
// parameter a call drops an async function? Callers are read from every module that may call the export
// (a deferred module whose text names it is analysed first, so the answer does not depend on which questions
// came before). A caller no handler reaches (a local dev server, a script) does not count either way.
import type { ParamSlot, PassedFunction } from './js/passedAsync.js';
import type { Project } from './project.js';

/** Whether the call is on some handler's path: in a handler module's handler, or in an export a handler reaches. */
function reached(project: Project, file: string, p: PassedFunction): boolean {
  if (p.reach === true) return true;
  return p.reach.length > 0 && project.importerUses.onHandlerPath(file, p.reach);
}

/**
 * At least one handler-path call hands one of the slots an async function, and none hands it anything else.
 *
 * @example
 * paramAlwaysAsync(project, '/app/router.js', [{ name: 'routeRequest', index: 1 }]) // true: index.js hands `async (stream, r) => ...`
 */
export function paramAlwaysAsync(project: Project, file: string, slots: readonly ParamSlot[]): boolean {
  const names = new Set(slots.map((s) => s.name));
  const mayCall = (text: string) => [...names].some((n) => text.includes(n));
  for (const [f, text] of [...project.deferred]) if (mayCall(text)) project.factsOf(f);
  let async = 0;
  for (const from of [...project.files]) {
    if (project.deferred.has(from)) continue;
    const m = project.factsOf(from);
    for (const p of m?.passedFunctions ?? []) {
      if (!names.has(p.name) || project.resolveModule(from, p.source) !== file) continue;
      if (!reached(project, from, p)) continue;
      for (const s of slots) {
        if (s.name !== p.name) continue;
        if (p.async.includes(s.index)) async++;
        else return false;
      }
    }
  }
  return async > 0;
}
