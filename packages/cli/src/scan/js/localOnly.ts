// Code that runs only when the service runs on a developer's machine: a branch taken under
// serverless-offline (`IS_OFFLINE`), `sam local` (`AWS_SAM_LOCAL`), or a stage or branch named `local`
// (`!process.env.BRANCH || process.env.BRANCH === 'local'`). A client built only there talks to an
// emulator (a seeded local Secrets Manager, a queue on localhost) and never runs deployed.
import { memberPath, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Environment flags that local runners set. */
const LOCAL_FLAGS = new Set(['IS_OFFLINE', 'IS_LOCAL', 'AWS_SAM_LOCAL', 'LOCALSTACK', 'USE_LOCALSTACK']);
/** Values of a stage, branch or environment variable that name a local run. */
const LOCAL_VALUES = new Set(['local', 'offline', 'localhost', 'localstack']);

function envRead(node: Node | undefined): string | undefined {
  const path = memberPath(unwrap(node));
  return path?.length === 3 && path[0] === 'process' && path[1] === 'env' ? path[2] : undefined;
}

/** `!process.env.BRANCH`: the variable is unset, which a deployed stack always sets. */
function unsetEnv(node: Node | undefined): boolean {
  const n = unwrap(node);
  return n?.type === 'UnaryExpression' && n.operator === '!' && envRead(n.argument as Node) !== undefined;
}

/** Is `test` true only in a local run? Followed through one module constant (`const isOffline = ...`). */
export function localTest(ctx: ModuleContext, test: Node | undefined, depth = 0): boolean {
  const n = unwrap(test);
  if (n === undefined || depth > 2) return false;
  if (n.type === 'Identifier') {
    const v = ctx.valueOf(n);
    return v !== undefined && v !== n && localTest(ctx, v, depth + 1);
  }
  const flag = envRead(n);
  if (flag !== undefined) return LOCAL_FLAGS.has(flag);
  if (n.type === 'BinaryExpression' && (n.operator === '===' || n.operator === '==')) {
    const sides = [unwrap(n.left as Node), unwrap(n.right as Node)];
    return sides.some(
      (s) => s?.type === 'Literal' && typeof s.value === 'string' && LOCAL_VALUES.has(s.value.toLowerCase()),
    );
  }
  if (n.type === 'LogicalExpression' && n.operator === '||')
    return [n.left, n.right].every((s) => unsetEnv(s as Node) || localTest(ctx, s as Node, depth + 1));
  if (n.type === 'LogicalExpression' && n.operator === '&&')
    return [n.left, n.right].some((s) => localTest(ctx, s as Node, depth + 1));
  return false;
}

/** Cheap text test: the module may hold a local-run branch. */
export function mayRunLocally(source: string): boolean {
  return /local|OFFLINE/i.test(source);
}

/**
 * `node` is reached only in a local run: inside the `if` branch (or the `?` branch) of a local test, in
 * the same function or at module level.
 *
 * @example
 * builtOnlyLocally(ctx, node) // true for `if (process.env.IS_OFFLINE) { new SQSClient({ endpoint }) }`
 */
export function builtOnlyLocally(ctx: ModuleContext, node: Node): boolean {
  let child = node;
  for (let p = ctx.parentOf(node); p !== undefined; child = p, p = ctx.parentOf(p)) {
    if (
      p.type === 'FunctionDeclaration' ||
      p.type === 'FunctionExpression' ||
      p.type === 'ArrowFunctionExpression'
    )
      return false;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.consequent === child)
      if (localTest(ctx, p.test as Node)) return true;
  }
  return false;
}
