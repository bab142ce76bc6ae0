// A module's text with what is not code blanked out, for the text readers that look for a name's uses
// without parsing (callerText.ts): a module path, a message string or a comment that spells a name is no use
// of the variable (`require('../models/mongodbClient')` beside `const models = require('../models')`).

/**
 * `text` with the contents of comments and string literals (quotes, template text outside `${...}`) replaced
 * by spaces, offsets and line breaks kept, so a match in the result is a match of code at the same place.
 * Regular-expression literals are read as code: a quote or `//` inside one blanks at most the rest of its
 * line, since a quoted string or a line comment ends there.
 *
 * @example
 * codeOnly("const a = require('./a'); // a") // "const a = require('   '); //  "
 */
export function codeOnly(text: string): string {
  // The result is built from slices: code kept as it is, and each blanked stretch with every character but a
  // line break turned to a space. Splitting the text into one string per character and joining them again
  // cost most of this function (the text readers blank ~0.4 MB of importers a scan).
  const parts: string[] = [];
  let kept = 0;
  // Brace depth at each open `${`: a `}` at that depth ends the substitution and resumes the template text.
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const blank = (from: number, to: number): void => {
    if (to <= from) return;
    parts.push(text.slice(kept, from), text.slice(from, to).replace(NOT_NEWLINE, ' '));
    kept = to;
  };
  /** Blanks template text from `start` to its closing backtick or next `${`; the index after it. */
  const templateText = (start: number): number => {
    let k = start;
    while (k < text.length && text[k] !== '`' && !(text[k] === '$' && text[k + 1] === '{'))
      k += text[k] === '\\' ? 2 : 1;
    blank(start, Math.min(k, text.length));
    if (text[k] === '$') {
      templates.push(depth);
      depth++;
      return k + 2;
    }
    return k + 1;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i + 2, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end;
      blank(i + 2, stop);
      i = stop + 2;
    } else if (c === "'" || c === '"') {
      let k = i + 1;
      while (k < text.length && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
      blank(i + 1, Math.min(k, text.length));
      i = k + 1;
    } else if (c === '`') {
      i = templateText(i + 1);
    } else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      i++;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        i = templateText(i);
      }
    } else i++;
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

/** Every UTF-16 unit but a line feed, one at a time, as the blanking always replaced them. */
const NOT_NEWLINE = /[^\n]/g;
