// The module a `require(...)` names. A template literal with no `${}` (`require(`axios`)`, a style some
// projects use for every string) names its module as a quoted string does; one with an expression names
// none we can read, so it stays unknown rather than becoming a made-up `${}/x` specifier.
import { type Node, propertyName, unwrap } from './ast.js';

/**
 * The text of a string literal or of a template literal without expressions; undefined otherwise.
 * @example
 * specifierValue(parse("`axios`")); // 'axios'
 * specifierValue(parse("`${dir}/x`")); // undefined
 */
export function specifierValue(node: Node | undefined): string | undefined {
  // The same static text a computed key `obj['k']` / `obj[`k`]` has: ast.ts reads both forms already.
  return propertyName(unwrap(node), true) ?? undefined;
}

/** The specifier of `require('m')` (the plain `require` identifier called with one readable name), else undefined. */
export function requiredSpecifier(node: Node | undefined): string | undefined {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression') return undefined;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier' || callee.name !== 'require') return undefined;
  return specifierValue((call.arguments as Node[])[0]);
}
