// Whether a module imports another only for its types. A type is erased at compile time: such an import loads
// nothing and calls nothing, so it makes its module no caller of the other (a queue consumer importing the
// producer handler's `LabEventType`). Read from the texts, without parsing, like callerText.ts.

import { importSources } from './callerText.js';
import { importDeclarations } from './importDeclarations.js';

/** `export type X =`, `export interface X`, `export declare type X`: names that exist only for the compiler. */
const TYPE_EXPORT = /\bexport\s+(?:declare\s+)?(?:type|interface)\s+([\w$]+)/g;

/** `export const X`, `export async function X`, `export class X`, `export enum X`: names that exist at run time. */
const VALUE_EXPORT =
  /\bexport\s+(?:declare\s+)?(?:default\s+)?(?:const|let|var|(?:async\s+)?function\*?|(?:abstract\s+)?class|(?:const\s+)?enum|namespace)\s+([\w$]+)/g;

/** One part of an import's braces: `[type] name [as local]`. */
const BINDING = /^(type\s+)?([\w$]+)(?:\s+as\s+[\w$]+)?$/;

/**
 * Does `text` load the module `targets` accepts only through import declarations whose every binding is a
 * type: `import type { T }`, `import { type T }`, or a name `targetText` exports as a type or an interface?
 * False when it does not load it directly at all (a barrel in between is not read here), or loads it any
 * other way too (a default or namespace binding, a `require`, a re-export, a dynamic `import()`).
 *
 * @example
 * typeOnlyImport("import { LabEventType } from './webhook-lab';", (s) => s === './webhook-lab', 'export type LabEventType = string;') // true
 */
export function typeOnlyImport(
  text: string,
  targets: (source: string) => boolean,
  targetText: string,
): boolean {
  const sources = importSources(text).filter(targets);
  if (sources.length === 0) return false;
  const declarations = importDeclarations(text).filter((d) => targets(d.source));
  // Every load of the module must be one of these declarations: anything else runs it.
  if (declarations.length !== sources.length) return false;
  const types = typeExports(targetText);
  return declarations.every((d) => !d.unread && typeClause(text.slice(d.start, d.end), types));
}

/** The last target read and its type-only names: a module's importers are asked about one after another. */
let lastTarget: { readonly text: string; readonly types: ReadonlySet<string> } | undefined;

/** The names `targetText` exports as a type or an interface and not as a value too. */
function typeExports(targetText: string): ReadonlySet<string> {
  if (lastTarget?.text === targetText) return lastTarget.types;
  // A name exported as a value too (`export const Order = z.object(..)` beside `export type Order`) loads it.
  const values = new Set([...targetText.matchAll(VALUE_EXPORT)].map((m) => m[1] as string));
  const types = new Set(
    [...targetText.matchAll(TYPE_EXPORT)].map((m) => m[1] as string).filter((n) => !values.has(n)),
  );
  lastTarget = { text: targetText, types };
  return types;
}

/** Is every binding of one import declaration (its whole text) a type? */
function typeClause(declaration: string, types: ReadonlySet<string>): boolean {
  const clause = /^import\s+([\s\S]*?)\s*from\s*['"]/
    .exec(declaration)?.[1]
    ?.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  if (clause === undefined) return false;
  if (/^type\s/.test(clause)) return true;
  const open = clause.indexOf('{');
  // A default or namespace binding (`import x, { T }`, `import * as ns`) may be a value.
  if (open === -1 || clause.slice(0, open).trim() !== '') return false;
  const parts = clause
    .slice(open + 1, clause.lastIndexOf('}'))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const m = BINDING.exec(part);
      return m !== null && (m[1] !== undefined || types.has(m[2] as string));
    })
  );
}
