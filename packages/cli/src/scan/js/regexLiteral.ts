// Regular expression literals, as the nesting bound before parsing (nesting.ts) needs them: a bracket
// inside one (`/\(/`, `/^[([{]/`) is text, not nesting. Counted as brackets, a module of escaping or
// lexing rules added hundreds of levels that were never there and was skipped as "too deep" unread.

/**
 * Characters after which `/` starts a regular expression rather than dividing. Not `<` or `>`: a JSX
 * closing tag (`</p>`) or text (`<p>/path</p>`) would hide the rest of its line.
 */
const BEFORE_REGEX = new Set('(,=:[!&|?{};+-*%~^'.split('').map((c) => c.charCodeAt(0)));
/** Keywords after which `/` starts a regular expression (`return /x/.test(s)`). */
const KEYWORD_BEFORE =
  /(?:^|[^\w$.])(?:return|typeof|case|do|else|in|of|void|yield|await|delete|instanceof|new|throw)$/;

/** Whether a `/` at `at` (not `//` or `/*`) starts a regular expression, by what precedes it. */
function regexMayStart(source: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && /\s/.test(source[j] as string)) j--;
  if (j < 0) return true;
  const c = source.charCodeAt(j);
  if (BEFORE_REGEX.has(c)) return true;
  // After a name, only a keyword lets an expression start; after `)` or `]` it divides.
  return /[\w$]/.test(source[j] as string) && KEYWORD_BEFORE.test(source.slice(Math.max(0, j - 11), j + 1));
}

/**
 * The regular expression literal whose opening `/` is at `at`: the index of its closing `/` and how deep
 * its groups nest (what the parser recurses on), or undefined when `/` divides there or no closing `/`
 * follows on the line (a literal never spans lines).
 * @example
 * regexLiteral('s.replace(/\\(/g, "")', 10) // { end: 13, depth: 0 }
 */
export function regexLiteral(source: string, at: number): { end: number; depth: number } | undefined {
  if (!regexMayStart(source, at)) return undefined;
  let depth = 0;
  let deepest = 0;
  let inClass = false;
  for (let j = at + 1; j < source.length; j++) {
    const c = source.charCodeAt(j);
    if (c === 10 || c === 13) return undefined;
    if (c === 92)
      j++; // `\(`, `\/`: escaped, literal
    else if (inClass)
      inClass = c !== 93; // `]`
    else if (c === 91)
      inClass = true; // `[`
    else if (c === 40)
      deepest = Math.max(deepest, ++depth); // `(`
    else if (c === 41)
      depth = Math.max(0, depth - 1); // `)`
    else if (c === 47) return { end: j, depth: deepest };
  }
  return undefined;
}
