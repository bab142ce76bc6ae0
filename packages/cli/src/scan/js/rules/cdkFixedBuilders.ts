// A builder method that takes parameters (`defineSocketFunctions(role, table)`) and hands back the
// functions of an API (`return { connect, message }`) is followed by the gateway rule only for a construct
// whose timeout the builder fixes itself: written in the construct's own props, reading none of the
// builder's parameters, with no spread after it that the module cannot read (`{ timeout, ...props }` with
// `props` a parameter may carry the caller's timeout). A builder whose callers decide the timeout is left
// alone (cdkConstructsOf.ts): judging its construct alone gave false and double findings.
import type { Node } from '../ast.js';
import { propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Does `node` read a parameter of `fn` (an identifier bound to one of its params)? */
function readsParam(ctx: ModuleContext, fn: Node, node: Node | undefined, depth = 0): boolean {
  if (node === undefined || node === null || depth > 12) return false;
  if (node.type === 'Identifier') {
    const b = ctx.resolve(node.name as string, node);
    return b?.kind === 'param' && b.scope === fn;
  }
  // A member's name (`Duration.seconds`) and an object's key name no binding.
  const names = new Set<unknown>();
  if (node.type === 'MemberExpression' && node.computed !== true) names.add(node.property);
  if (node.type === 'Property' && node.computed !== true && node.shorthand !== true) names.add(node.key);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'loc' || key === 'range' || key === 'parent') continue;
    if (names.has(value)) continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children)
      if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string')
        if (readsParam(ctx, fn, child as Node, depth + 1)) return true;
  }
  return false;
}

/**
 * True when the construct `new X(scope, id, { ..., timeout: Duration.seconds(60), ... })` built in the
 * parameterised builder `fn` runs with a timeout `fn` alone decides.
 * @example
 * builderFixesTimeout(ctx, fn, construct) // `{ handler, timeout: Duration.seconds(60), ...funcProps }`, funcProps a local literal -> true
 */
export function builderFixesTimeout(ctx: ModuleContext, fn: Node, construct: Node): boolean {
  const props = unwrap((construct.arguments as Node[] | undefined)?.[2]);
  if (props?.type !== 'ObjectExpression') return false;
  const list = props.properties as Node[];
  const at = list.findLastIndex(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === 'timeout',
  );
  if (at < 0 || readsParam(ctx, fn, list[at]?.value as Node)) return false;
  // A spread after the timeout may replace it: only one the module spells out, reading no parameter.
  return list.slice(at + 1).every((p) => {
    if (p.type !== 'SpreadElement') return true;
    const spread = ctx.valueOf(p.argument as Node);
    return (
      spread?.type === 'ObjectExpression' &&
      !(spread.properties as Node[]).some(
        (q) =>
          q.type === 'SpreadElement' ||
          propertyName(q.key as Node, q.computed as boolean) === 'timeout' ||
          propertyName(q.key as Node, q.computed as boolean) === undefined,
      )
    );
  });
}
