// Request options picked by a condition (`fetch(url, !testnet ? { headers } : {})`, or a const holding
// that ternary): the request is sent with one branch or the other, so each branch is read as the options
// of its own request. Without this the ternary is an unreadable value and gets the benefit of the doubt,
// although both branches are literals the module spells in full.
import { forEachDescendant, type Node, objectProps, someDescendant, unwrap, wrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** `undefined`, `null` or `void 0`: a branch that hands the request no options at all. */
export function isNothing(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    (n?.type === 'Identifier' && n.name === 'undefined') ||
    (n?.type === 'Literal' && n.value === null) ||
    (n?.type === 'UnaryExpression' && n.operator === 'void')
  );
}

/**
 * The branches of options chosen by a ternary (nested ternaries flattened), each an options value or
 * `undefined` for a branch that passes none; undefined when the options are not a ternary.
 *
 * @example
 * optionBranches(ctx, opts) // [{ headers }, {}] for `const opts = a ? { headers } : {}`
 */
export function optionBranches(
  ctx: ModuleContext,
  options: Node | undefined,
): (Node | undefined)[] | undefined {
  const v = unwrap(ctx.valueOf(options));
  if (v?.type !== 'ConditionalExpression') return undefined;
  const out: (Node | undefined)[] = [];
  for (const branch of [v.consequent as Node, v.alternate as Node]) {
    if (isNothing(branch)) out.push(undefined);
    else out.push(...(optionBranches(ctx, branch) ?? [branch]));
  }
  return out;
}

/**
 * What every branch answers, when they agree; undefined when they differ or one cannot tell.
 *
 * @example
 * agreed(['GET', 'GET']) // 'GET'; agreed(['GET', 'POST']) // undefined
 */
export function agreed<T>(answers: readonly (T | undefined)[]): T | undefined {
  const first = answers[0];
  return first !== undefined && answers.every((a) => a === first) ? first : undefined;
}

/**
 * The branch's timeout is built from a parameter the ternary tests (`ms ? { signal: AbortSignal.timeout(ms) }
 * : {}`): it is there only when the caller passes one.
 *
 * @example
 * callerGated(ctx, opts, branch, ['signal']) // true for `ms ? { signal: AbortSignal.timeout(ms) } : {}`
 */
export function callerGated(
  ctx: ModuleContext,
  options: Node,
  branch: Node,
  keys: readonly string[],
): boolean {
  const test = unwrap(ctx.valueOf(options))?.test as Node | undefined;
  const props = objectProps(unwrap(ctx.valueOf(branch)))?.props;
  if (test === undefined || props === undefined) return false;
  const tested = new Set<string>();
  forEachDescendant(wrap(test), (n) => {
    if (n.type === 'Identifier' && ctx.resolve(n.name as string, n)?.kind === 'param')
      tested.add(n.name as string);
    return undefined;
  });
  return keys.some((k) => {
    const value = props.get(k);
    return (
      value !== undefined &&
      someDescendant(wrap(value), (n) => n.type === 'Identifier' && tested.has(n.name as string))
    );
  });
}
