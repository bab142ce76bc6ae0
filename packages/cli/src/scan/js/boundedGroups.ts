// Message group ids drawn from a fixed set the producer keeps on purpose: a number taken modulo a literal
// (`(index++ % 10).toString()`) or a round-robin counter the module winds back when it reaches its bound
// (`if (current >= limit) current = 0; current++;`), written as a string or inside a template
// (`update-queue-${groupId}`). Like a constant, such an id makes a FIFO queue hold a few groups, so Lambda,
// which runs one batch per group at a time, cannot scale its consumer out with a backlog.
import { type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Does the subtree hold a node for which `test` holds (a plain walk: these checks are rare)? */
function someNode(node: Node | undefined, test: (n: Node) => boolean): boolean {
  if (node === undefined || node === null || typeof node !== 'object') return false;
  if (typeof node.type === 'string' && test(node)) return true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      if (value.some((v) => someNode(v as Node, test))) return true;
    } else if (value !== null && typeof value === 'object' && someNode(value as Node, test)) return true;
  }
  return false;
}

const isName = (n: Node | undefined, name: string): boolean =>
  unwrap(n)?.type === 'Identifier' && unwrap(n)?.name === name;

/** `if (name >= bound) name = 0`: the counter is wound back whenever it reaches the bound. */
function windsBack(ctx: ModuleContext, name: string): boolean {
  return someNode(ctx.program, (n) => {
    if (n.type !== 'IfStatement') return false;
    const test = unwrap(n.test as Node);
    if (
      test?.type !== 'BinaryExpression' ||
      !['>=', '>', '===', '=='].includes(test.operator as string) ||
      !isName(test.left as Node, name)
    )
      return false;
    return someNode(
      n.consequent as Node,
      (a) =>
        a.type === 'AssignmentExpression' &&
        a.operator === '=' &&
        isName(a.left as Node, name) &&
        typeof unwrap(a.right as Node)?.value === 'number',
    );
  });
}

/** A number from a fixed set: a literal, `x % 10`, a wound-back counter, or a module function returning one. */
function boundedNumber(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean {
  const n = unwrap(node);
  if (n === undefined || depth > 3) return false;
  if (n.type === 'Literal') return typeof n.value === 'number';
  if (n.type === 'BinaryExpression' && n.operator === '%')
    return typeof unwrap(ctx.valueOf(n.right as Node))?.value === 'number';
  if (n.type === 'UpdateExpression') return boundedNumber(ctx, n.argument as Node, depth + 1);
  if (n.type === 'Identifier') {
    const b = ctx.resolve(n.name as string, n);
    if (b === undefined) return false;
    if (b.kind === 'let' || b.kind === 'var') return windsBack(ctx, n.name as string);
    return b.kind === 'const' && boundedNumber(ctx, b.init, depth + 1);
  }
  if (n.type === 'CallExpression') {
    const fn = ctx.functionOf(n.callee as Node);
    if (fn === undefined) return false;
    const body = fn.body as Node;
    if (body.type !== 'BlockStatement') return boundedNumber(ctx, body, depth + 1);
    const returns: Node[] = [];
    someNode(body, (r) => {
      if (r.type === 'ReturnStatement') returns.push(r);
      return false;
    });
    return returns.length > 0 && returns.every((r) => boundedNumber(ctx, r.argument as Node, depth + 1));
  }
  return false;
}

/**
 * Is the group id one of a fixed few values the module keeps it to (not a constant string, which the caller
 * checks)?
 * @example
 * boundedGroup(ctx, node) // `(index++ % 10).toString()`            -> true
 * boundedGroup(ctx, node) // `update-queue-${getGroupId()}` (wraps) -> true
 * boundedGroup(ctx, node) // `customer.id`                          -> false
 */
export function boundedGroup(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(ctx.valueOf(node) ?? node);
  if (v === undefined) return false;
  if (v.type === 'TemplateLiteral')
    return (v.expressions as Node[]).every((e) => boundedNumber(ctx, e) || boundedGroup(ctx, e));
  if (v.type !== 'CallExpression') return false;
  const callee = unwrap(v.callee as Node);
  const args = v.arguments as Node[];
  if (isName(callee, 'String') && args.length === 1) return boundedNumber(ctx, args[0]);
  if (callee?.type !== 'MemberExpression') return false;
  const method = propertyName(callee.property as Node, callee.computed as boolean);
  return method === 'toString' && boundedNumber(ctx, callee.object as Node);
}
