// An empty catch with a comment inside is read as a decision (swallowed-error): someone looked at the failure
// and let it go. Only a comment that says something does that. A blank `//` left by an editor or a linter's
// "no empty block" fix, a bare TODO, or a note that only names the value the code falls back to ("use
// default null") gives no reason: the catch is as empty as one without it.

/** `// TODO`, `// FIXME handle failures`, `// XXX should we log?`: work left, not a decision taken. */
const LEFT_FOR_LATER = /^(?:TODO|FIXME|XXX)\b/i;

/**
 * A reason given after the marker (`// TODO: cache writes are best effort, a miss only costs a recompute`):
 * the note of work left also says why the failure may go, which decides it as a comment without the marker does.
 */
const GIVES_A_REASON =
  /\b(?:because|since|best effort|optional|expected|harmless|intentional(?:ly)?|deliberate(?:ly)?|on purpose|only costs?|(?:safe|ok|fine) to|not (?:needed|required|critical|important)|(?:can|may) (?:fail|be missing))\b/i;

/** "use default null", "default value", "keep undefined", "fallback": names what is left, not why. */
const NAMES_THE_DEFAULT =
  /^(?:(?:use|return|keep|leave|stays?|remains?)s?\s+)?(?:(?:the|a)\s+)?(?:(?:default|fallback)(?:\s+(?:null|undefined|value|empty|false|0))?|null|undefined|empty)$/i;

/** One comment's words, without its markers (`//`, `/*`, `*\/`, a block comment's leading `*`). */
function words(comment: string): string {
  return comment
    .replace(/^\/\/|^\/\*|\*\/$/g, '')
    .replace(/^\s*\*+/gm, '')
    .replace(/[\s.,:;!\-–—_=*/]+/g, ' ')
    .trim();
}

/**
 * The comment gives no reason: blank or punctuation only, a TODO that gives none, or only the name of the default.
 *
 * @example
 * placeholderComment('//') // true
 * placeholderComment('// use default null') // true
 * placeholderComment('// ignore: the cache is optional') // false
 */
export function placeholderComment(comment: string): boolean {
  const w = words(comment);
  return w === '' || (LEFT_FOR_LATER.test(w) && !GIVES_A_REASON.test(w)) || NAMES_THE_DEFAULT.test(w);
}

/**
 * Every comment in the text (a catch body's source) is a placeholder, and there is at least one. Text with
 * no comment at all is not "only placeholders": the caller asks this only where it found a comment.
 */
export function onlyPlaceholderComments(text: string): boolean {
  const comments = text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
  return comments.length > 0 && comments.every(placeholderComment);
}
