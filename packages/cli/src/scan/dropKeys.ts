// The `file#name` keys a module's dropped (or otherwise used) awaits mark, shared by importerUses.ts and
// droppedResults.ts.

import type { DroppedAwaits, ModuleFacts } from './js/Candidate.js';

/**
 * The `file#name` keys a module's dropped awaits mark: a bare imported call only in the module its import
 * resolves to, a method or local call in this module and in each module it imports (rules/errorValues.ts).
 */
export function dropKeys(
  m: ModuleFacts,
  resolve: (from: string, source: string) => string | undefined,
  drops: DroppedAwaits | undefined = m.droppedAwaits,
): string[] {
  if (drops === undefined) return [];
  const keys = drops.names.map((name) => `${m.file}#${name}`);
  for (const source of drops.sources) {
    const target = resolve(m.file, source);
    if (target !== undefined) for (const name of drops.names) keys.push(`${target}#${name}`);
  }
  for (const { source, name } of drops.imported ?? []) {
    const target = resolve(m.file, source);
    if (target !== undefined) keys.push(`${target}#${name}`);
  }
  return keys;
}
