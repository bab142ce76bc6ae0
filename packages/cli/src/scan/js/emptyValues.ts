// Values that answer "nothing happened": the defaults and empty pages a catch returns in place of a
// failed call's answer, which its caller cannot tell from a real "nothing".
import { type Node, unwrap } from './ast.js';

/**
 * A value that stands for "nothing happened": null, undefined, void 0, false, '', 0, [] or {}.
 * Catch blocks returning one of these hide the failure from the caller.
 * @example
 * isDefaultValue(parse('[]')) // true; isDefaultValue(parse("{ ok: false }")) // false
 */
export function isDefaultValue(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  if (n === undefined) return true;
  if (n.type === 'Literal') return n.value === null || n.value === false || n.value === '' || n.value === 0;
  if (n.type === 'Identifier') return n.name === 'undefined';
  if (n.type === 'UnaryExpression') return n.operator === 'void';
  if (n.type === 'ArrayExpression') return (n.elements as unknown[]).length === 0;
  if (n.type === 'ObjectExpression') return (n.properties as unknown[]).length === 0;
  return false;
}

/**
 * A default value, or an object made only of empty containers and nulls (zero counts beside them):
 * `{ lines: [] }`, `{ items: [], total: 0 }`, `{ coins: {} }`, `{ data: null }`, the "no results" page a
 * failed read is replaced by. A count alone (`{ total: 0 }`) is a figure, not an empty page; flags and words
 * (`{ success: false }`, `{ status: 'error' }`) say something failed, so they are not empty.
 * @example
 * isEmptyValue(parse('{ items: [], total: 0 }')) // true
 */
export function isEmptyValue(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  if (isEmptyCollection(n)) return true;
  if (isDefaultValue(n) || n?.type !== 'ObjectExpression') return isDefaultValue(n);
  const values = (n.properties as Node[]).map((p) =>
    p.type === 'Property' && !p.computed ? unwrap(p.value) : undefined,
  );
  const emptyList = (v: Node | undefined) =>
    v?.type === 'ArrayExpression' && (v.elements as Node[]).length === 0;
  const emptyObject = (v: Node | undefined) =>
    v?.type === 'ObjectExpression' && (v.properties as Node[]).length === 0;
  const nothing = (v: Node | undefined) => v?.type === 'Literal' && v.value === null;
  return (
    values.some((v) => emptyList(v) || emptyObject(v) || nothing(v)) &&
    values.every(
      (v) => emptyList(v) || emptyObject(v) || nothing(v) || (v?.type === 'Literal' && v.value === 0),
    )
  );
}

/**
 * An empty Set or Map built in place (`new Set()`, `new Map([])`): the same "nothing" as `[]`, in the shape a
 * caller that looks members up expects, so a failed read answered with it reads as "no members".
 * @example
 * isEmptyCollection(parse('new Set()')) // true; isEmptyCollection(parse('new Set(ids)')) // false
 */
export function isEmptyCollection(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'NewExpression' || n.callee?.type !== 'Identifier') return false;
  if (n.callee.name !== 'Set' && n.callee.name !== 'Map') return false;
  const args = n.arguments as Node[];
  const only = unwrap(args[0]);
  return (
    args.length === 0 ||
    (args.length === 1 && only?.type === 'ArrayExpression' && (only.elements as Node[]).length === 0)
  );
}
