// swallowed-error for fetch: a field copied out of a response body (`items = response.items`, `const data
// = json.data`). An error answer has no such field, so the copy is undefined, and reading through it
// (`items.forEach(...)`, `data.length`) or `if (!items) throw ...` fails loudly. A copy the code guards and
// goes on with (`if (!items) items = []`, `data?.vaults`) still takes the error answer for data. The one
// judgement of a copied field: readsDeep (bodyReads.ts) counts it as the body read two deep.

import { escapeRegExp } from '../../escapeRegExp.js';

/**
 * A field of the body is copied out whole and the copy then fails on an error answer (read through, or
 * tested and thrown on): `const data = json.data; return data.vaults`.
 * @example
 * copiedFieldFails('const data = json.data;\nreturn data.vaults;', 'json') // -> true
 * copiedFieldFails('const data = json.data;\nreturn data;', 'json') // -> false
 */
export function copiedFieldFails(text: string, body: string): boolean {
  return fieldCopies(text, body).some((copy) => copyFails(text, copy));
}

/** The variables a field of the body is copied into whole: `items = response.items;`, `const data = response.items`. */
function fieldCopies(text: string, body: string): string[] {
  const copy = new RegExp(
    `(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*=\\s*${escapeRegExp(body)}\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*(?:;|$)`,
    'gm',
  );
  return [...text.matchAll(copy)].map((m) => m[1] as string).filter((name) => name !== body);
}

/**
 * The copy of a field fails on an error answer: `if (!items) throw ...` (also with other tests joined by
 * `||`, a throw in its branch), or a read through it (`items.forEach(...)`, `data.length`,
 * `for (const x of items)`) where nothing tests it first.
 */
function copyFails(text: string, copy: string): boolean {
  const name = escapeRegExp(copy);
  const other = '[^(){};]*';
  const thrown = new RegExp(
    `\\bif\\s*\\(\\s*(?:${other}\\|\\|\\s*)?!\\s*${name}\\s*(?:\\|\\|${other})?\\)\\s*(?:\\{(?:[^{}]|\\{[^{}]*\\})*?)?\\bthrow\\b`,
  );
  if (thrown.test(text)) return true;
  const tested = new RegExp(
    `!\\s*${name}\\b|\\btypeof\\s+${name}\\b|(?<![\\w$.])${name}\\s*(?:&&|\\|\\||\\?\\?|\\?|[!=]==?)`,
  );
  if (tested.test(text)) return false;
  return new RegExp(`(?<![\\w$.])${name}\\s*(?:\\.\\s*[A-Za-z_$]|\\[)|\\bof\\s+${name}\\b`).test(text);
}
