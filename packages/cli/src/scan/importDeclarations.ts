// Where a module's text binds names from another module without using them. An ES import declaration names
// what it binds (`import { S3Service } from '...'`), but binding a name runs none of its code: a class imported
// and never constructed, a function imported and never called, sends nothing. Callers of a shared module are
// looked for by the names they spell (callerText.ts); a name spelled only inside import declarations is no
// caller, and a module whose every importer leaves all its bindings so is loaded by nothing that uses it
// (deadModules.ts). Read from the text, without parsing: anything the expression does not read as a plain
// import declaration (a `require`, `import x = require(...)`, a dynamic `import()`, an `export ... from`) is
// not matched, so it still counts as a use.
//
// Not the same reading as callerText.ts, so neither is built on the other: callerText's
// `importSources` lists the source of everything that loads a module (`from`, `export ... from`, `require(`,
// `import(`), with no bindings and no positions, for the importer index; its `localNames` finds `name as
// local` anywhere in the text (an `export { name as local }` too), only for the names asked; its
// `namespaceWholeSources` reads `import * as` and `const x = require(` for a namespace used whole. This
// reader answers, for static import declarations only, where each sits and every local name it binds, and
// whether it read the whole clause (`unread`): what deadModules needs to call an import idle, and what
// callerText's `mentions` asks (usedBeyondImports) to skip the declarations' own spelling of a name.

import { escapeRegExp } from './escapeRegExp.js';

/**
 * An import declaration with bindings: `import a from`, `import a, { b as c } from`, `import * as ns from`,
 * `import type { T } from`. Group 1 is the clause, group 2 the source. A side-effect import (`import './x'`)
 * binds nothing and runs the module: it is not matched here.
 */
const DECLARATION =
  /(?<![\w$.])import\s+((?:type\s+)?(?:[\w$]+\s*(?:,\s*)?)?(?:\*\s*as\s+[\w$]+|\{[^{}]*\})?)\s*from\s*(['"])([^'"\n]+)\2/g;

/** One import declaration: where it sits, what it binds locally, and from which source. */
export interface ImportDeclaration {
  readonly start: number;
  readonly end: number;
  readonly source: string;
  /** The local names it binds (`c` for `{ b as c }`); type-only bindings included. */
  readonly locals: readonly string[];
  /**
   * Some part of the clause did not read as `[type] name [as local]`: `locals` may miss a binding, so the
   * declaration is no evidence its bindings go unused.
   */
  readonly unread: boolean;
}

/**
 * The import declarations of a text, in order.
 *
 * @example
 * importDeclarations("import a, { b as c } from './x';")[0].locals // ['a', 'c']
 */
export function importDeclarations(text: string): ImportDeclaration[] {
  if (!text.includes('import')) return [];
  const out: ImportDeclaration[] = [];
  for (const m of text.matchAll(DECLARATION)) {
    // A comment inside the braces (`// kept for the nightly job`) would hide the binding after it.
    const clause = (m[1] as string).replace(COMMENT, ' ').replace(/^\s*type\s+/, '');
    if (clause.trim() === '') continue;
    const { locals, unread } = localsOf(clause);
    out.push({ start: m.index, end: m.index + m[0].length, source: m[3] as string, locals, unread });
  }
  return out;
}

/** One part of the braces: `[type] name [as local]`, the name possibly a string. */
const BINDING = /^(?:type\s+)?([\w$]+|'[^']*'|"[^"]*")(?:\s+as\s+([\w$]+))?$/;

/** A line or block comment. */
const COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

/**
 * The local names an import clause binds: each `name`, `name as local`, `* as ns` and default; `unread` when
 * a non-empty part of the braces is not one of those.
 */
function localsOf(clause: string): { locals: string[]; unread: boolean } {
  const locals: string[] = [];
  let unread = false;
  const braces = clause.indexOf('{');
  const head = braces === -1 ? clause : clause.slice(0, braces);
  for (const m of head.matchAll(/\*\s*as\s+([\w$]+)|([\w$]+)/g)) locals.push((m[1] ?? m[2]) as string);
  if (braces !== -1)
    for (const part of clause.slice(braces + 1, clause.lastIndexOf('}')).split(',')) {
      if (part.trim() === '') continue;
      const binding = BINDING.exec(part.trim());
      // A string name (`'a-b' as c`) binds only through its alias.
      const local = binding?.[2] ?? (binding?.[1]?.match(/^[\w$]+$/) ? binding[1] : undefined);
      if (local !== undefined) locals.push(local);
      else unread = true;
    }
  return { locals, unread };
}

/**
 * Does the text spell one of `names` as a word outside its import declarations?
 *
 * @example
 * usedBeyondImports("import { S3Service } from './s3';\nexport const x = 1;", ['S3Service']) // false
 * usedBeyondImports("import { S3Service } from './s3';\nnew S3Service();", ['S3Service']) // true
 */
export function usedBeyondImports(text: string, names: readonly string[]): boolean {
  const present = names.filter((n) => text.includes(n));
  if (present.length === 0) return false;
  const pattern = new RegExp(`(?<![\\w$])(?:${present.map(escapeRegExp).join('|')})(?![\\w$])`, 'g');
  let declarations: ImportDeclaration[] | undefined;
  for (const m of text.matchAll(pattern)) {
    declarations ??= importDeclarations(text);
    if (!declarations.some((d) => d.start <= m.index && m.index < d.end)) return true;
  }
  return false;
}
