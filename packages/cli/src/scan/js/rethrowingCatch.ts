// `await authGmailClient(args).catch(async (error) => { ...; throw new AppError(error) })`: a `.catch` whose
// handler always throws turns a failure into another failure and never answers a value of its own, so the
// awaited value is the promise's own. A rule that asks what a name holds reads through it.
import { isFunction, type Node, propertyName, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Does every way out of `fn` throw: its body ends in a `throw`, and nothing in it (nested functions aside) returns? */
function alwaysThrows(fn: Node | undefined): boolean {
  if (!isFunction(fn) || fn?.body?.type !== 'BlockStatement') return false;
  const body = fn.body.body as Node[];
  if (body.at(-1)?.type !== 'ThrowStatement') return false;
  return !someDescendant(fn.body as Node, (n) => n.type === 'ReturnStatement', true);
}

/**
 * The promise under a `.catch(handler)` whose handler always throws, else the expression itself.
 *
 * @example
 * throughRethrowingCatch(ctx, node) // authGmailClient(a).catch(async (e) => { throw new AuthError(e) }) -> authGmailClient(a)
 */
export function throughRethrowingCatch(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  const v = unwrap(value);
  if (v?.type !== 'CallExpression' || (v.arguments as Node[]).length !== 1) return v;
  const callee = unwrap(v.callee as Node);
  if (callee?.type !== 'MemberExpression') return v;
  if (propertyName(callee.property as Node, callee.computed as boolean) !== 'catch') return v;
  const handler = ctx.functionOf((v.arguments as Node[])[0]);
  return alwaysThrows(handler) ? unwrap(callee.object as Node) : v;
}
