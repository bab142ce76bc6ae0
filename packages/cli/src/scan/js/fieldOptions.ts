// Request options a class keeps in a field (`this.params = { method: 'GET', headers }` in its constructor,
// then `fetch(url, this.params)` in its methods): read through what the class assigns the field, as a
// module-local const is read through its value.
import { forEachDescendant, type Node, objectProps, propertyName, unwrap } from './ast.js';
import { enclosingClass } from './httpInstances.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The object literals `this.<field>` holds, when every value the class gives it is one it spells in full
 * (no spread, no parameter, no call) and no code of the class sets one of `keys` on it afterwards
 * (`this.params.signal = ...`); undefined otherwise, or when `member` is not such a field.
 *
 * @example
 * fieldOptions(ctx, thisParams, ['signal']) // [{ method: 'GET', headers }] for `this.params = { ... }` in the constructor
 */
export function fieldOptions(ctx: ModuleContext, member: Node, keys: readonly string[]): Node[] | undefined {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression' || unwrap(m.object)?.type !== 'ThisExpression') return undefined;
  const field = propertyName(m.property, m.computed);
  const cls = field === undefined ? undefined : enclosingClass(ctx, m);
  if (cls === undefined) return undefined;
  const values: Node[] = [];
  let unread = false;
  for (const el of cls.body.body as Node[])
    if (el.type === 'PropertyDefinition' && propertyName(el.key, el.computed) === field && el.value)
      values.push(el.value);
  forEachDescendant(cls.body, (n) => {
    if (unread) return false;
    if (n.type !== 'AssignmentExpression') return true;
    const left = unwrap(n.left);
    if (left?.type !== 'MemberExpression') return true;
    const target = unwrap(left.object);
    if (thisField(target, field)) {
      // A timeout key set on the object in place: `this.params.signal = controller.signal`.
      const key = propertyName(left.property, left.computed);
      if (key === undefined || keys.includes(key)) unread = true;
    } else if (thisField(left, field)) {
      if (n.operator === '=') values.push(n.right as Node);
      else unread = true;
    }
    return true;
  });
  if (unread || values.length === 0) return undefined;
  const literals = values.map((v) => unwrap(v) as Node);
  return literals.every((v) => objectProps(v) !== undefined && objectProps(v)?.spread === false)
    ? literals
    : undefined;
}

/** `this.<field>`. */
function thisField(node: Node | undefined, field: string | undefined): boolean {
  return (
    node?.type === 'MemberExpression' &&
    unwrap(node.object)?.type === 'ThisExpression' &&
    propertyName(node.property, node.computed) === field
  );
}
