// A module's `export default { getByPath() {...}, writeTags() {...} }` offers its methods through the default
// object: an importer that takes that object and hands it on (returns it from a resolver, stores it in a
// registry or a global, gives it to a call) lets whoever receives it call any method, though its own text
// spells none. Plugin loaders do this with a dynamic import, `const m = await import('./cache/dynamo.js');
// return m.default;`. Read from the importer's text, as callerText.ts reads the other whole uses.

import { codeOnly } from './codeOnly.js';
import { escapeRegExp } from './escapeRegExp.js';

// `import cache from './x'`, `import cache, { y } from './x'`, `import cache, * as ns from './x'`.
const DEFAULT_IMPORT =
  /\bimport\s+([\w$]+)\s*(?:,\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+)\s*)?from\s*['"`]([^'"`$\n]+)['"`]/g;
// `const m = await import('./x')`, `import * as m from './x'`, `const m = require('./x')`: `m.default`.
const NAMESPACE =
  /\b(?:(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?(?:import|require)\(\s*|import\s*\*\s*as\s+([\w$]+)\s+from\s*)['"`]([^'"`$\n]+)['"`]/g;
// `const { default: cache } = await import('./x')`.
const DESTRUCTURED =
  /\b(?:const|let|var)\s*\{[^}]*?\bdefault\s*:\s*([\w$]+)[^}]*\}\s*=\s*(?:await\s+)?(?:import|require)\(\s*['"`]([^'"`$\n]+)['"`]/g;
// `(await import('./x')).default`.
const INLINE = /\(\s*await\s+import\(\s*['"`]([^'"`$\n]+)['"`]\s*\)\s*\)\s*\.\s*default(?!\s*\??\.\s*[\w$])/g;
// Not `x.y` (a member of something else) and not followed by a member read or a call (`cache.get(...)`).
const handedOn = (name: string) =>
  new RegExp(
    `(?<![\\w$])(?<!(?<!\\.\\.)\\.)${escapeRegExp(name)}(?![\\w$])(?!\\s*(?:\\??\\.\\s*[\\w$]|\\(|:))`,
    'g',
  );

/**
 * The sources whose default export the text uses whole: a default binding, or a namespace's `.default`,
 * used other than by reading a member by name or calling it (`return m.default`, `registry.set(k, cache)`).
 * The binding's own declaration is no use.
 *
 * @example
 * defaultWholeSources("const m = await import('./dynamo.js'); return m.default;") // ['./dynamo.js']
 * defaultWholeSources("import cache from './dynamo.js'; await cache.getByPath(p);") // []
 */
export function defaultWholeSources(text: string): string[] {
  if (!text.includes('default') && !/\bimport\s+[\w$]+\s*[,\s]/.test(text)) return [];
  const out: string[] = [];
  let code: string | undefined;
  const usedBeyond = (pattern: RegExp, from: number, to: number) => {
    code ??= codeOnly(text);
    return [...code.matchAll(pattern)].some((u) => u.index < from || u.index >= to);
  };
  for (const m of text.matchAll(DEFAULT_IMPORT)) {
    const local = m[1] as string;
    if (local === 'type') continue;
    if (usedBeyond(handedOn(local), m.index, m.index + m[0].length)) out.push(m[2] as string);
  }
  for (const m of text.matchAll(DESTRUCTURED))
    if (usedBeyond(handedOn(m[1] as string), m.index, m.index + m[0].length)) out.push(m[2] as string);
  for (const m of text.matchAll(NAMESPACE)) {
    const local = (m[1] ?? m[2]) as string;
    const member = new RegExp(
      `(?<![\\w$.])${escapeRegExp(local)}\\s*\\??\\.\\s*default(?![\\w$])(?!\\s*(?:\\??\\.\\s*[\\w$]|\\())`,
      'g',
    );
    if (usedBeyond(member, m.index, m.index + m[0].length)) out.push(m[3] as string);
  }
  for (const m of text.matchAll(INLINE)) out.push(m[1] as string);
  return out;
}

/**
 * Are `names` offered only through the module's default object: the text has an `export default` and
 * exports none of them by name (exportDiscovery.ts lists an `export default { get }` object's members as
 * exports, so a finding inside `get` is reached through `get`)?
 *
 * @example
 * defaultMembersOnly("const c = { get() {} }; export default c;", ['get']) // true
 * defaultMembersOnly("export function get() {} export default {};", ['get']) // false
 */
export function defaultMembersOnly(text: string, names: readonly string[]): boolean {
  if (!/\bexport\s+default\b/.test(text)) return false;
  return names.every((n) => {
    const name = escapeRegExp(n);
    return !new RegExp(
      `\\bexport\\s+(?:(?:async\\s+)?function\\s*\\*?|const|let|var|class)\\s+${name}(?![\\w$])|\\bexport\\s*\\{[^}]*(?<![\\w$])${name}(?![\\w$])[^}]*\\}`,
    ).test(text);
  });
}
