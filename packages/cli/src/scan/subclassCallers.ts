// Callers of an inherited method: a data layer's base class (`abstract class DynamodbRepository`) is
// extended per table (`class NotificationsDynamoRepository extends DynamodbRepository`), and the handlers
// import only the subclass, through a barrel, and call `this.repository.getRecord(id)`. The search for a
// shared module's callers (eventCallers.ts) looks for modules naming the base class: it finds the subclass
// modules, which call nothing, and took the method for one nobody calls. The subclasses' importers are
// callers too, naming the subclass.
import { escapeRegExp } from './escapeRegExp.js';

/** A mention of one of the class or interface names as a whole word. */
export const typeMention = (types: readonly string[]): RegExp =>
  new RegExp(`(?<![\\w$])(?:${types.map(escapeRegExp).join('|')})(?![\\w$])`);

/**
 * The subclasses of `owner` declared in the modules importing its file (`class X extends Owner`, also
 * with type arguments), and the modules importing each of those, which are added to `importers`.
 * @example
 * subclassImporters(graph, textOf, importers, 'DynamodbRepository') // ['NotificationsDynamoRepository'], importers grown by the handler modules
 */
export function subclassImporters(
  graph: { importersOf(file: string): Set<string> },
  textOf: (file: string) => string | undefined,
  importers: Set<string>,
  owner: string,
): string[] {
  const extending = new RegExp(
    `\\bclass\\s+([\\w$]+)(?:\\s*<[^{]*?>)?\\s+extends\\s+${owner.replace(/\$/g, '\\$')}(?![\\w$])`,
    'g',
  );
  const names: string[] = [];
  for (const module of [...importers]) {
    const text = textOf(module);
    if (text === undefined || !text.includes('extends')) continue;
    for (const m of text.matchAll(extending)) {
      names.push(m[1] as string);
      for (const f of graph.importersOf(module)) importers.add(f);
    }
  }
  return names;
}
