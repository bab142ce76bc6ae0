// The interfaces an interface extends, across modules. A class implementing `RouteProvider` (which
// `extends MapProvider`) is called as a `MapProvider` too: a service handed `mapProvider: MapProvider` runs
// its `getCityName`. Callers of a class's method are looked for through every interface it answers to
// (eventCallers.ts). Read from the interface module's text, without parsing.

import { escapeRegExp } from './escapeRegExp.js';

/** An interface: the module declaring it and its name there. */
export interface InterfaceAt {
  readonly file: string;
  readonly name: string;
}

/** Interfaces followed up an `extends` chain. */
const DEPTH = 3;

/**
 * `interfaces` and every interface they extend, a few levels up, each once.
 *
 * @example
 * interfaceAncestors([{ file: '/d/route-provider.ts', name: 'RouteProvider' }], read, resolve)
 * // [{ file: '/d/route-provider.ts', name: 'RouteProvider' }, { file: '/d/map-provider.ts', name: 'MapProvider' }]
 */
export function interfaceAncestors(
  interfaces: readonly InterfaceAt[],
  textOf: (file: string) => string | undefined,
  resolve: (from: string, source: string) => string | undefined,
): InterfaceAt[] {
  const out: InterfaceAt[] = [];
  const seen = new Set<string>();
  let level = [...interfaces];
  for (let depth = 0; depth <= DEPTH && level.length > 0; depth++) {
    const next: InterfaceAt[] = [];
    for (const i of level) {
      const key = `${i.file}#${i.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(i);
      const text = textOf(i.file);
      if (text === undefined) continue;
      for (const local of extendedNames(text, i.name)) {
        const imported = importedFrom(text, local);
        // Neither imported nor declared here: a global type (`Partial`, `Record`), no project interface.
        if (imported === undefined && !declares(text, local)) continue;
        const file = imported === undefined ? i.file : resolve(i.file, imported.source);
        if (file !== undefined) next.push({ file, name: imported?.name ?? local });
      }
    }
    level = next;
  }
  return out;
}

/** The names `interface name<T> extends A<T>, B {` lists, as written (local names). */
function extendedNames(text: string, name: string): string[] {
  const m = new RegExp(`\\binterface\\s+${escapeRegExp(name)}(?![\\w$])`).exec(text);
  if (m === null) return [];
  // The heading runs to the body's `{`; one inside type parameters or arguments (`= {}`) is not it.
  let depth = 0;
  let end = m.index + m[0].length;
  for (; end < text.length; end++) {
    const c = text[end];
    if (c === '<') depth++;
    // The `>` of an arrow (`<F = () => void>`) closes nothing.
    else if (c === '>' && text[end - 1] !== '=') depth--;
    else if ((c === '{' && depth === 0) || c === ';') break;
  }
  let heading = text.slice(m.index + m[0].length, end).replace(/=>/g, '  ');
  // Type parameters and arguments hold commas and `extends` of their own: drop them, innermost first.
  for (let before = ''; before !== heading; ) {
    before = heading;
    heading = heading.replace(/<[^<>]*>/g, '');
  }
  const list = /^\s*extends\b([\s\S]*)$/.exec(heading)?.[1];
  if (list === undefined) return [];
  return list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => /^[\w$]+$/.test(p));
}

/** Where `text` imports `local` from and under which name, or undefined when it declares it itself. */
function importedFrom(text: string, local: string): { source: string; name: string } | undefined {
  for (const m of text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"\n]+)['"]/g))
    for (const part of (m[1] as string).split(',')) {
      const b = /^(?:type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part.trim());
      if (b !== null && (b[2] ?? b[1]) === local) return { source: m[2] as string, name: b[1] as string };
    }
  return undefined;
}

/** Does `text` declare an interface or type of that name? */
function declares(text: string, name: string): boolean {
  return new RegExp(`\\b(?:interface|type)\\s+${escapeRegExp(name)}(?![\\w$])`).test(text);
}
