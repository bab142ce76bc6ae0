// Names and paths put into a regular expression built at run time (a handler's export name, an imported
// function's name) must match literally. Node 22 has no RegExp.escape.

/**
 * `name` with every regular-expression metacharacter escaped.
 * @example
 * new RegExp(`\\b${escapeRegExp('api.$get')}\\(`).test('api.$get(1)'); // true
 */
export function escapeRegExp(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
