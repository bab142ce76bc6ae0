// Reading a caller's text for the names it calls, before (or instead of) parsing it: the event-caller
// search (eventCallers.ts) walks up from a shared module through files most of which never name it.
// importDeclarations.ts is the other text reader of imports; how the two differ is said there.

import { codeOnly } from './codeOnly.js';
import { escapeRegExp } from './escapeRegExp.js';
import { usedBeyondImports } from './importDeclarations.js';
import { TYPE_ARGUMENTS } from './typeArguments.js';

const MODIFIERS = /^\s*(?:(?:public|private|protected|static|async|get|set|override)\s+)*$/;

/**
 * The local names `import { name as local }` binds for these names; any `name as local` in the text counts
 * (`export { name as local }` too), unlike importDeclarations, which reads import declarations' bindings only.
 */
export function localNames(text: string, names: readonly string[]): string[] {
  // Any white space around `as` (a line break, a tab), as the expression below allows.
  if (!/\sas\s/.test(text)) return [];
  const out: string[] = [];
  for (const n of names) {
    // A namespace's member (`Domain.create`, js/namespaceMembers.ts) is renamed by its namespace's import:
    // `import { Domain as D }` calls `D.create`.
    const dot = n.indexOf('.');
    const head = dot === -1 ? n : n.slice(0, dot);
    const rest = dot === -1 ? '' : n.slice(dot);
    // Every match spells the name: a text without it is passed over before an expression is compiled, and
    // one led by a lookbehind is tried at every position of the text.
    if (!text.includes(head)) continue;
    for (const m of text.matchAll(new RegExp(`(?<![\\w$])${escapeRegExp(head)}\\s+as\\s+([\\w$]+)`, 'g')))
      if (m[1] !== undefined) out.push(m[1] + rest);
  }
  return out;
}

/** Exported names that stand for one of `names`: `export const getClient = getTwitterClient`. */
export function reExportedAs(text: string, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    // The expression spells the name: a text without it is passed over before one is compiled.
    if (!text.includes(n)) continue;
    for (const m of text.matchAll(
      new RegExp(`\\bexport\\s+(?:const|let|var)\\s+([\\w$]+)\\s*=\\s*${escapeRegExp(n)}\\s*;?\\s*$`, 'gm'),
    ))
      if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * Does the text call one of `names` (`api.fetchAll(`, `=> fetchAll()`, `await fetchAll(`)? A definition of
 * the same name is not a call: `function fetchAll(`, a method `fetchAll(opts) {`, an interface member
 * `fetchAll(opts): Promise<Page>`. A name the module defines itself (`const fetchAll = ...`) is that
 * function where called bare: only `x.fetchAll(` counts then.
 */
export function callsName(text: string, names: readonly string[]): boolean {
  const local = new Set(
    names.filter((n) =>
      new RegExp(`\\b(?:function\\s*\\*?|const|let|var)\\s+${escapeRegExp(n)}\\b`).test(text),
    ),
  );
  // Type arguments may sit between the name and its call: `listAll<Invoice>(config)`.
  const pattern = new RegExp(
    `(?<![\\w$])(?:${names.map(escapeRegExp).join('|')})\\s*${TYPE_ARGUMENTS}\\(`,
    'g',
  );
  for (const match of text.matchAll(pattern)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const lineEnd = text.indexOf('\n', match.index);
    const before = text.slice(lineStart, match.index);
    const rest = text.slice(match.index, lineEnd === -1 ? undefined : lineEnd);
    if (/\bfunction\s*\*?\s*$/.test(before)) continue;
    if (MODIFIERS.test(before) && /\)\s*(?::|\{\s*$)/.test(rest)) continue;
    const name = rest.slice(0, rest.search(/\s*[<(]/));
    if (local.has(name) && !/\.\s*$/.test(before)) continue;
    return true;
  }
  return false;
}

/**
 * Does the text name one of `names` (or an alias an import gives it) as a word, outside its import
 * declarations? A name only imported is never called (importDeclarations.ts).
 *
 * @example
 * mentions("import { load as fetchItem } from './items'; fetchItem(id);", ['load']) // true
 * mentions("import { load } from './items';", ['load']) // false
 */
export function mentions(text: string, names: readonly string[]): boolean {
  return usedBeyondImports(text, [...names, ...localNames(text, names)]);
}

// A backtick specifier without `${}` (`require(`./x`)`) names its module too, as js/moduleSpecifier.ts reads it.
const IMPORT_SOURCE = /\b(?:from|require\(|import\()\s*['"`]([^'"`$\n]+)['"`]/g;
const RE_EXPORT = /\bexport\s+(?:\*|\{[^}]*\}|type\s*\{[^}]*\})(?:\s+as\s+\w+)?\s*from\s*['"]([^'"\n]+)['"]/g;

/**
 * The module sources a text imports or requires, read without parsing it: every `from '...'` (a re-export's
 * too), `require('...')` and `import('...')`; a side-effect `import './x'` is not listed. Sources only, unlike
 * importDeclarations (static import declarations with their bindings and positions).
 *
 * @example
 * importSources("import { a } from './a'; const b = require('./b');") // ['./a', './b']
 */
export function importSources(text: string): string[] {
  return [...text.matchAll(IMPORT_SOURCE)].map((m) => m[1] as string);
}

/**
 * The module sources a text re-exports from (`export * from`, `export { x } from`), read without parsing it.
 *
 * @example
 * reExportSources("export * from './orders';") // ['./orders']
 */
export function reExportSources(text: string): string[] {
  return [...text.matchAll(RE_EXPORT)].map((m) => m[1] as string);
}

// `...require('./a')`, `mail: require('./mail')`, `exports.mail = require('./mail')`: a whole module handed
// on, unless a member or a call follows (`require('./a').build()`).
const COMMONJS_PASSED =
  /(?:\.\.\.|[\w$'"]\s*:|\bexports\.[\w$]+\s*=)\s*require\(\s*['"`]([^'"`$\n]+)['"`]\s*\)(?!\s*[.([])/g;

/**
 * The modules a CommonJS text hands on whole, read without parsing it, as js/reExports.ts reads an analysed
 * module: spread into an object, kept under a key, or assigned to `exports.key`. A text that never spells
 * `exports` hands nothing on. The two readers agree on the common forms (js/reExports.test.ts holds the
 * table); on rarer ones (a nested key, `Object.assign(module.exports, ...)`, a commented-out line) this one
 * reads more. Reading more adds importers, and an added importer that names none of a module's exports can
 * also drop its findings (unnamedExports.ts), so deferral can change the answer on those rare forms.
 *
 * @example
 * commonJsPassedSources("module.exports = { mail: require('./mail') };") // ['./mail']
 */
export function commonJsPassedSources(text: string): string[] {
  if (!text.includes('exports') || !text.includes('require(')) return [];
  return [...text.matchAll(COMMONJS_PASSED)].map((m) => m[1] as string);
}

const NAMESPACE =
  /\b(?:import\s*\*\s*as\s+([\w$]+)\s+from|(?:const|let|var)\s+([\w$]+)\s*=\s*require\()\s*['"`]([^'"`$\n]+)['"`]/g;

/**
 * The sources a text imports whole (`import * as lib from`, `const lib = require(...)`) and uses other
 * than by reading a member by name (`lib[kind]`, `Object.values(lib)`, `run(lib)`): every export of those
 * may be called, though the text spells none.
 *
 * @example
 * namespaceWholeSources("import * as n from './n'; await n[kind](id);") // ['./n']
 */
export function namespaceWholeSources(text: string): string[] {
  if (!text.includes('*') && !text.includes('require')) return [];
  const out: string[] = [];
  // Uses are read in the code only: a module path (`require('../models/mongodbClient')` beside
  // `const models = require('../models')`, the binding's own path too), a string or a comment is no use.
  let code: string | undefined;
  for (const m of text.matchAll(NAMESPACE)) {
    const local = (m[1] ?? m[2]) as string;
    code ??= codeOnly(text);
    // A spread (`{ ...store, ready }`) hands every export on; any other dot before the name reads a member
    // of something else (`db.store`).
    const uses = code.matchAll(
      new RegExp(
        `(?<![\\w$])(?<!(?<!\\.\\.)\\.)${escapeRegExp(local)}(?![\\w$])(?!\\s*\\??\\.\\s*[\\w$])`,
        'g',
      ),
    );
    // The binding itself is no use; any other use not followed by a member read hands the module on whole.
    const end = m.index + m[0].length;
    if ([...uses].some((u) => u.index < m.index || u.index >= end)) out.push(m[3] as string);
  }
  return out;
}
