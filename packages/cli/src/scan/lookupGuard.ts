// Create-if-absent at a caller: `let found = (await getByUser(id))?.ref; if (!found) { await create(id) }`.
// The write runs only when a lookup by the caller's own key found nothing, so a retried event finds the
// row the first delivery wrote and does not write again: a random id made inside the write is then made
// once per key, not once per delivery. Read from the caller's text (eventCallers.ts reads callers so).

import { escapeRegExp } from './escapeRegExp.js';
import { TYPE_ARGUMENTS } from './typeArguments.js';

/** `if (!found) {` or `if (found === undefined) {` / `== null` right before a block's brace. */
const ABSENT_TEST = /\bif\s*\(\s*(?:!\s*([\w$]+)|([\w$]+)\s*===?\s*(?:undefined|null))\s*\)\s*$/;

/** The brace opening the block the text at `at` sits in, or -1 (strings and comments are not skipped). */
function openingBrace(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '}') depth++;
    else if (ch === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `name` is assigned from an awaited read before `at`: `= (await getX(...))?.y`, `= await db.findOne(`. */
function assignedFromLookup(text: string, name: string, at: number): boolean {
  const pattern = new RegExp(
    `(?<![\\w$.])${escapeRegExp(name)}\\s*(?::[^=;\\n]+)?=\\s*\\(?\\s*await\\s+[\\w$.]*?(?:get|find|query|load|fetch|lookup|read)\\w*\\s*\\(`,
    'i',
  );
  return pattern.test(text.slice(0, at));
}

/**
 * Is every call of one of `names` in the caller's text inside a block run only when a lookup found
 * nothing? False when there is no call at all: the caller is then judged as before.
 */
export function onlyWhenAbsent(text: string, names: readonly string[]): boolean {
  if (names.length === 0 || !/\bif\s*\(/.test(text)) return false;
  const call = new RegExp(`(?<![\\w$])(?:${names.map(escapeRegExp).join('|')})\\s*${TYPE_ARGUMENTS}\\(`, 'g');
  let calls = 0;
  for (const match of text.matchAll(call)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    // A definition or an import is not a call.
    if (/\b(?:function\s*\*?|import|export)\s*\{?[^(]*$/.test(text.slice(lineStart, match.index))) continue;
    calls++;
    const brace = openingBrace(text, match.index);
    const test = brace < 0 ? null : ABSENT_TEST.exec(text.slice(Math.max(0, brace - 200), brace));
    const name = test?.[1] ?? test?.[2];
    if (name === undefined || !assignedFromLookup(text, name, brace)) return false;
  }
  return calls > 0;
}
