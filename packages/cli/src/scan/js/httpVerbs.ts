// The HTTP verbs a request library spells as a word: superagent's `request('POST', url)` and the request
// family's `request.del(url)` share one list, and `del` (a reserved word's stand-in) is DELETE in both.

const VERBS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'DEL', 'POST', 'PUT', 'PATCH']);

/**
 * The request method a written word names, in any case (`'post'`, `'DEL'`), or undefined for another word.
 *
 * @example
 * literalMethod('del') // 'DELETE'
 * literalMethod('fetch') // undefined
 */
export function literalMethod(word: string | undefined): string | undefined {
  const upper = word?.toUpperCase();
  if (upper === undefined || !VERBS.has(upper)) return undefined;
  return upper === 'DEL' ? 'DELETE' : upper;
}

/**
 * The request method a library's method name names: only the lower-case spelling is the library's own
 * (`request.get`, `needle.del`), so `client.GET` is someone else's method.
 *
 * @example
 * memberMethod('del') // 'DELETE'
 * memberMethod('GET') // undefined
 */
export function memberMethod(member: string): string | undefined {
  return member === member.toLowerCase() ? literalMethod(member) : undefined;
}
