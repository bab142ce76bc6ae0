// Object barrels: an index that imports functions by default and hands them on as one exported object
// (`import logs from './logs'; export default { logs, blocks }`), callers reaching them as members
// (`query.archive.logs(...)`, or handing `query.archive.latestBlock` to a runner). Such an index calls
// nothing: eventCallers.ts follows it to the modules that name the key, instead of counting it as a caller
// whose every importer (each Lambda of a workspace that imports the package) reaches the request. A key
// read as a member counts, called or handed on as a value: a runner handed the function runs it.
import { callsName } from './callerText.js';
import { escapeRegExp } from './escapeRegExp.js';

const DEFAULT_IMPORT = /\bimport\s+([\w$]+)\s*(?:,\s*\{[^}]*\})?\s*from\s*['"]([^'"\n]+)['"]/g;
/** Object barrels followed up, one within another (`query` holding `archive` holding `logs`). */
const LEVELS = 4;

/**
 * The keys under which `text` hands on the default export of the module `isTarget` names, inside an object
 * literal it exports by default; none when it also calls that import (then it is a caller itself).
 * @example
 * heldKeys("import logs from './logs';\nexport default { logs, tail: logs };", (s) => s === './logs') // ['logs', 'tail']
 */
export function heldKeys(text: string, isTarget: (source: string) => boolean): string[] {
  const open = text.search(/\bexport\s+default\s*\{/);
  if (open < 0) return [];
  const close = text.indexOf('}', open);
  const object = text.slice(text.indexOf('{', open) + 1, close < 0 ? undefined : close);
  const keys: string[] = [];
  for (const m of text.matchAll(DEFAULT_IMPORT)) {
    const [, local, source] = m;
    if (local === undefined || source === undefined || !isTarget(source) || callsName(text, [local]))
      continue;
    const name = escapeRegExp(local);
    for (const k of object.matchAll(new RegExp(`(?:^|,)\\s*(?:([\\w$]+)\\s*:\\s*)?${name}\\s*(?=,|$)`, 'g')))
      keys.push(k[1] ?? local);
  }
  return keys;
}

/**
 * Does the text read one of `keys` as a member (`query.archive.logs(...)`, `producer(event, q.latestBlock)`),
 * or take it out by destructuring (`const { logs } = query`, `const { logs: read } = query.archive`)?
 * A key is often a common word (`logs`): an object key, a field type or a local of that name is no use of
 * the barrel's function.
 */
function readsMember(text: string, keys: readonly string[]): boolean {
  const spelled = keys.filter((k) => text.includes(k));
  if (spelled.length === 0) return false;
  const names = spelled.map(escapeRegExp).join('|');
  if (new RegExp(`[\\w$)\\]]\\s*\\??\\.\\s*(?:${names})(?![\\w$]|\\s*:)`).test(text)) return true;
  // A pattern on the left of an assignment (not a literal's key: `{ logs: [] }` is followed by no `=`).
  return new RegExp(`\\{[^{}]*(?<![\\w$.])(?:${names})(?![\\w$])[^{}]*\\}\\s*=(?![=>])`).test(text);
}

/** What the walk needs of the project: importers of a module, a module's text, an import's target. */
export interface BarrelGraph {
  readonly importersOf: (file: string) => Iterable<string>;
  readonly textOf: (file: string) => string | undefined;
  readonly resolve: (from: string, source: string) => string | undefined;
}

/**
 * The modules that name one of `keys` (called, or handed on as a value) among the importers of the object
 * barrel `barrel`, following the barrels that hold it in turn under their own keys.
 * @example
 * keyCallers(graph, '/pkg/query/archive/index.ts', ['logs']) // ['/indexers/nft/src/extract/get-logs.ts', ...]
 */
export function keyCallers(graph: BarrelGraph, barrel: string, keys: readonly string[], level = 1): string[] {
  const callers: string[] = [];
  for (const importer of graph.importersOf(barrel)) {
    const text = graph.textOf(importer);
    if (text === undefined) continue;
    const held = level < LEVELS ? heldKeys(text, (source) => graph.resolve(importer, source) === barrel) : [];
    if (held.length > 0) callers.push(...keyCallers(graph, importer, keys, level + 1));
    else if (readsMember(text, keys)) callers.push(importer);
  }
  return callers;
}
