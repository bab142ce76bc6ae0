// A number a CDK app reads from its environment with a default, as it is written in public stacks:
// `const { LAMBDA_TIMEOUT = '30' } = process.env` then `parseInt(LAMBDA_TIMEOUT, 10)` / `Number(...)` /
// `+LAMBDA_TIMEOUT`, or inline `Number(process.env.TIMEOUT ?? 60)` / `process.env.TIMEOUT || '60'`. The
// default is the value the stack deploys with unless someone sets the variable, so it is the value judged,
// as a module constant is.
import { calleeName, type Node, numberValue, unwrap } from '../ast.js';
import { envBindingOf, isProcessEnv } from '../envVariable.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Calls that turn a string into the number it spells. */
const PARSERS = new Set(['parseInt', 'parseFloat', 'Number']);

/** `process.env.X` / `process.env['X']`. */
function isEnvRead(node: Node | undefined): boolean {
  const n = unwrap(node);
  return n?.type === 'MemberExpression' && isProcessEnv(n.object as Node);
}

/** The default of `name` in `const { NAME = '30' } = process.env`, when that is how it is declared. */
function envDefault(ctx: ModuleContext, id: Node): Node | undefined {
  const value = envBindingOf(ctx, id)?.value as Node | undefined;
  return value?.type === 'AssignmentPattern' ? (value.right as Node) : undefined;
}

/**
 * The number an expression holds: a literal, a module constant, a numeric string, a parse of one, or an
 * environment variable's written default.
 * @example
 * configuredNumber(ctx, parseIntCallNode) // `parseInt(LAMBDA_TIMEOUT, 10)` with `LAMBDA_TIMEOUT = '30'` -> 30
 */
export function configuredNumber(ctx: ModuleContext, node: Node | undefined, depth = 0): number | undefined {
  const n = unwrap(node);
  if (n === undefined || depth > 4) return undefined;
  const literal = numberValue(n);
  if (literal !== undefined) return literal;
  if (n.type === 'Literal' && typeof n.value === 'string') {
    const parsed = Number.parseFloat(n.value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  if (n.type === 'Identifier') {
    const value = ctx.valueOf(n);
    if (value !== undefined && value !== n) return configuredNumber(ctx, value, depth + 1);
    const fallback = envDefault(ctx, n);
    return fallback === undefined ? undefined : configuredNumber(ctx, fallback, depth + 1);
  }
  if (n.type === 'UnaryExpression' && n.operator === '+')
    return configuredNumber(ctx, n.argument as Node, depth + 1);
  if (n.type === 'CallExpression' && PARSERS.has(calleeName(n) ?? ''))
    return configuredNumber(ctx, (n.arguments as Node[])[0], depth + 1);
  // `process.env.X ?? '60'`, `Number(process.env.X) || 60`: the right side is the default.
  if (n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) {
    const left = ctx.valueOf(n.left as Node);
    const read =
      isEnvRead(left) ||
      (left?.type === 'CallExpression' && isEnvRead(ctx.valueOf((left.arguments as Node[])[0])));
    return read ? configuredNumber(ctx, n.right as Node, depth + 1) : undefined;
  }
  return undefined;
}
