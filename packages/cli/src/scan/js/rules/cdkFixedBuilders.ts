// A builder method that takes parameters (`defineSocketFunctions(role, table)`) and hands back the
// functions of an API (`return { connect, message }`) is followed by the gateway rule only for a construct
// whose timeout the builder fixes itself: written in the construct's own props, reading none of the
// builder's parameters, with no spread after it that the module cannot read (`{ timeout, ...props }` with
// `props` a parameter may carry the caller's timeout). A builder whose callers decide the timeout is left
// alone (cdkConstructsOf.ts): judging its construct alone gave false and double findings.
import type { Node } from '../ast.js';
import { propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Does `node` read a parameter of `fn` (an identifier bound to one of its params)? */
function readsParam(ctx: ModuleContext, fn: Node, node: Node | undefined): boolean {
  // A member's name (`Duration.seconds`) and an object's key name no binding: a parent is tested before
  // its children (someDescendant's order), so those names are known before they are met.
  const names = new Set<Node>();
  const reads = (n: Node): boolean => {
    if (n.type === 'MemberExpression' && n.computed !== true) names.add(n.property as Node);
    if (n.type === 'Property' && n.computed !== true && n.shorthand !== true) names.add(n.key as Node);
    if (n.type !== 'Identifier' || names.has(n)) return false;
    const b = ctx.resolve(n.name as string, n);
    return b?.kind === 'param' && b.scope === fn;
  };
  return node !== undefined && node !== null && (reads(node) || someDescendant(node, reads));
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
