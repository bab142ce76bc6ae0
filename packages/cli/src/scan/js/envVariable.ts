// The environment variable an expression reads, however the module spells the read: `process.env.NAME`,
// `process.env['NAME']`, a call of the module's accessor (`env('NAME')`, envAccessor.ts), or a const destructured once from `process.env` at the top of a handler
// (`const { NOTIFY_FN } = process.env`, `const { NOTIFY_FN: notifyFn } = process.env`), the form many
// webhook listeners use before an `InvocationType: 'Event'` invoke. Joins that match a variable a stack
// sets (iac-missing-dlq's async-invoker passes) need the name, not the local.
import { memberPath, type Node, propertyName, unwrap } from './ast.js';
import { accessorEnvName } from './envAccessor.js';
import type { ModuleContext } from './ModuleContext.js';
import { envName } from './queueUrlEnv.js';

/**
 * `process.env` itself.
 * @example
 * isProcessEnv(expr) // true for the `process.env` of `process.env.TABLE`
 */
export function isProcessEnv(node: Node | undefined): boolean {
  return memberPath(unwrap(node))?.join('.') === 'process.env';
}

/**
 * The property of a const destructured once from `process.env` that binds the local `id`
 * (`const { NOTIFY_FN } = process.env`, `const { TIMEOUT = '30' } = process.env`); undefined otherwise.
 * @example
 * envBindingOf(ctx, id)?.key // the `NOTIFY_FN` key of `const { NOTIFY_FN: notifyFn } = process.env`, for `notifyFn`
 */
export function envBindingOf(ctx: ModuleContext, id: Node): Node | undefined {
  const binding = ctx.resolve(id.name as string, id);
  const decl = binding?.declaration;
  if (binding?.kind !== 'const' || decl?.type !== 'VariableDeclarator' || !isProcessEnv(decl.init as Node))
    return undefined;
  const pattern = decl.id as Node;
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const p of pattern.properties as Node[]) {
    if (p.type !== 'Property') continue;
    const value = unwrap(p.value as Node);
    const local = value?.type === 'AssignmentPattern' ? (value.left as Node) : value;
    if (local?.type === 'Identifier' && local.name === id.name) return p;
  }
  return undefined;
}

/** The key a const destructured from `process.env` reads, for the local `id` it binds. */
function destructuredKey(ctx: ModuleContext, id: Node): string | undefined {
  const p = envBindingOf(ctx, id);
  return p === undefined ? undefined : propertyName(p.key as Node, p.computed as boolean);
}

/**
 * The read under a call that only tidies its text (`process.env.NOTIFY_FN?.trim()`, `.toString()`): the
 * value is still the variable's, as the function name a stack set.
 * @example
 * untidied(expr) // the `process.env.NOTIFY_FN` of `process.env.NOTIFY_FN?.trim()`
 */
function untidied(node: Node | undefined): Node | undefined {
  if (node?.type !== 'CallExpression' || (node.arguments as Node[]).length > 0) return node;
  const callee = unwrap(node.callee as Node);
  if (callee?.type !== 'MemberExpression') return node;
  const name = propertyName(callee.property as Node, callee.computed as boolean);
  return name !== undefined && /^(?:trim|trimStart|trimEnd|toString)$/.test(name)
    ? unwrap(callee.object as Node)
    : node;
}

/**
 * The environment variable `node` reads (directly, through a const that holds the read, or through a const
 * destructured from `process.env`); undefined for anything else.
 * @example
 * // const { NOTIFY_FN } = process.env; ... FunctionName: NOTIFY_FN
 * envVariable(ctx, functionNameValue) // 'NOTIFY_FN'
 */
export function envVariable(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n === undefined) return undefined;
  const read = untidied(unwrap(ctx.valueOf(n) ?? n));
  // `env('NOTIFY_FN')`, a module's accessor around `process.env[name]` (envAccessor.ts).
  const direct = envName(read) ?? accessorEnvName(ctx, read);
  if (direct !== undefined) return direct;
  return n.type === 'Identifier' ? destructuredKey(ctx, n) : undefined;
}
