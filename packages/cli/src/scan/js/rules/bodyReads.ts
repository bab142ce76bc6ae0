// swallowed-error for fetch: the reads of a response body that throw on an error answer. An error answer
// (`{ error: { code, message } }`, an HTML page) lacks the fields a success carries, so reading through
// one of them, or testing the body and throwing, fails loudly where a status check would have.

import { escapeRegExp } from '../../escapeRegExp.js';
import { copiedFieldFails } from './copiedField.js';

/**
 * The body is tested for an error shape and the function throws on it: `if (json.errors != null ||
 * json.data == null) throw ...`, as a GraphQL client must (GraphQL answers its errors in the body, with a
 * 200 or a 4xx alike). An error answer fails there, as it would on a status check.
 * @example
 * bodyTested('if (json.errors != null) throw new Error("query failed")', 'json') // -> true
 */
export function bodyTested(text: string, body: string): boolean {
  const condition = '(?:[^(){};]|\\((?:[^(){};]|\\([^(){};]*\\))*\\))*';
  return new RegExp(`\\bif\\s*\\(${condition}\\b${body}\\b${condition}\\)\\s*\\{?\\s*throw\\b`).test(text);
}

/**
 * The body's fields are read two deep with no optional chaining (`json['item']['domain_id']`,
 * `data.results.map(...)`, `result.choices[0]`), or a list method is called on it (`comments.map(...)`):
 * an error answer lacks the outer field or is no list, so the read throws a TypeError and the failure
 * surfaces, as with a caller that reads a property of an undefined answer at once. So does a loop over the
 * body or one of its fields (`for (const p of config.protocols)`), or an array spread of either.
 * @example
 * readsDeep('return data.results.map(toRow)', 'data') // -> true; readsDeep('return data.total', 'data') // -> false
 * readsDeep('for (const p of config.protocols) add(p)', 'config') // -> true
 */
export function readsDeep(text: string, body: string): boolean {
  const step = '(?:\\.\\s*([A-Za-z_$][\\w$]*)|\\[\\s*(?:[\'"`]([^\'"`\\]]+)[\'"`]|\\d+)\\s*\\])';
  // A list method called on the body itself (`data.map(...)`): an error answer is an object, or no JSON.
  const listMethod = '\\.\\s*(?:map|filter|forEach|find|findIndex|reduce|flatMap|some|every)\\s*\\(';
  if (
    new RegExp(`\\b${body}\\s*${listMethod}`).test(text) &&
    !new RegExp(`Array\\.isArray\\(\\s*${body}\\s*\\)`).test(text)
  )
    return true;
  // Iterated, itself or one field down (`for (const p of config.protocols)`, `[...data.items]`): an error
  // answer is no iterable and lacks the field, so the loop throws a TypeError (not `for...in`, not `{...x}`).
  for (const m of text.matchAll(
    new RegExp(`(?:\\bof\\s+|\\[\\s*\\.\\.\\.\\s*)${body}\\s*(?:${step})?\\s*(?:\\)|\\])`, 'g'),
  )) {
    const field = m[1] ?? m[2];
    if (field === undefined || !guarded(text, body, field)) return true;
  }
  for (const m of text.matchAll(new RegExp(`\\b${body}\\s*${step}\\s*${step}`, 'g'))) {
    const field = m[1] ?? m[2];
    // `if (!result.docs || result.docs.length === 0)`: a read the code guards first does not throw.
    if (field === undefined || !guarded(text, body, field)) return true;
  }
  // `const data = json.data; return data.vaults;`: a field copied out and read through (copiedField.ts).
  return copiedFieldFails(text, body);
}

/** `body.field` is tested before it is read through (`!body.field`, `body.field &&`, `body.field?.x`, `'field' in body`). */
function guarded(text: string, body: string, name: string): boolean {
  const field = escapeRegExp(name);
  const read = `${body}\\s*(?:\\.\\s*${field}\\b|\\[\\s*['"\`]${field}['"\`]\\s*\\])`;
  return new RegExp(
    `!\\s*${read}|${read}\\s*(?:&&|\\|\\||\\?\\?|[!=]==?|\\?\\.)|typeof\\s+${read}|['"\`]${field}['"\`]\\s+in\\s+${body}\\b`,
  ).test(text);
}
