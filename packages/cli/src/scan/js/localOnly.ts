// Code only a local or offline run reaches: a branch taken when the environment says the function runs
// under serverless-offline (`IS_OFFLINE`), `sam local` (`AWS_SAM_LOCAL`), LocalStack, or a stage or
// branch named `local` (`const isOffline = !process.env.BRANCH || process.env.BRANCH === 'local'`), or
// `NODE_ENV` set to `development`, read directly, through a const or through a module-local predicate
// called with no arguments (`isOffline()`). There
// it seeds an emulator or builds a client against one; the deployed function never takes the branch, so
// a missing timeout, retry or error check in it harms no production traffic.
import type { Node } from './ast.js';
import { unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Environment variables set only by a local emulator of Lambda (serverless-offline, SAM CLI, LocalStack). */
const LOCAL_FLAGS = /^(IS_OFFLINE|AWS_SAM_LOCAL|IS_LOCAL|LOCALSTACK|LOCALSTACK_HOSTNAME|IS_LOCALSTACK)$/;
/** Names a stage, branch or environment is given for a local run. */
const LOCAL_VALUES = /^(local|offline|localstack)$/i;
/** The words a module must hold before any branch is read (most modules hold none). */
const WORDS =
  /\b(?:IS_OFFLINE|AWS_SAM_LOCAL|IS_LOCAL|LOCALSTACK\w*|IS_LOCALSTACK|NODE_ENV)\b|['"`](?:local|offline|localstack)['"`]/i;

/** Whether a module's text names a local flag or value, read once per module (asked per candidate). */
const NAMES_LOCAL = new WeakMap<ModuleContext, boolean>();

/**
 * Is `node` inside a branch only a local or offline run takes (see above)? Cheap for most modules: their
 * text names no local flag or value.
 *
 * @example
 * localOnly(ctx, newClient) // true for `if (process.env.IS_OFFLINE) { new DynamoDBClient({ endpoint }) }`
 */
export function localOnly(ctx: ModuleContext, node: Node): boolean {
  let words = NAMES_LOCAL.get(ctx);
  if (words === undefined) {
    words = ctx.testSpelled(WORDS, ['local', 'offline', 'NODE_ENV']);
    NAMES_LOCAL.set(ctx, words);
  }
  if (!words) return false;
  let child = node;
  for (let parent = ctx.parentOf(node); parent !== undefined; parent = ctx.parentOf(parent)) {
    if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
      const test = parent.test as Node;
      if (parent.consequent === child && local(ctx, test, 0)) return true;
      if (parent.alternate === child && deployed(ctx, test, 0)) return true;
    } else if (
      parent.type === 'LogicalExpression' &&
      parent.operator === '&&' &&
      parent.right === child &&
      local(ctx, parent.left as Node, 0)
    )
      return true;
    child = parent;
  }
  return false;
}

/** Is `process.env.NAME` (or `process.env['NAME']`) read here? The variable's name, if so. */
function envName(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression') return undefined;
  const object = unwrap(n.object as Node);
  if (object?.type !== 'MemberExpression') return undefined;
  const processNode = unwrap(object.object as Node);
  const env = object.property as Node;
  if (processNode?.type !== 'Identifier' || processNode.name !== 'process' || env.name !== 'env')
    return undefined;
  const prop = n.property as Node;
  if (n.computed !== true) return prop.name as string;
  return prop.type === 'Literal' && typeof prop.value === 'string' ? prop.value : undefined;
}

const literalString = (node: Node | undefined): string | undefined => {
  const n = unwrap(node);
  return n?.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;
};

/** A comparison with a local value (`stage === 'local'`), and whether it is negated (`!==`). */
function comparesLocal(test: Node): 'equal' | 'unequal' | undefined {
  if (test.type !== 'BinaryExpression') return undefined;
  const value = literalString(test.right as Node) ?? literalString(test.left as Node);
  if (value === undefined) return undefined;
  // `process.env.NODE_ENV === 'development'`: the value local tooling (nodemon, a dev server, `sls offline`
  // scripts) sets; a deployed function runs with it unset or 'production'. A stage named 'development' is
  // not read this way: a stage is deployed.
  const nodeEnv = envName(test.left as Node) === 'NODE_ENV' || envName(test.right as Node) === 'NODE_ENV';
  if (!LOCAL_VALUES.test(value) && !(nodeEnv && value === 'development')) return undefined;
  if (test.operator === '===' || test.operator === '==') return 'equal';
  if (test.operator === '!==' || test.operator === '!=') return 'unequal';
  return undefined;
}

/** A const whose initial value is the test (`const isOffline = process.env.IS_OFFLINE === 'true'`). */
function initOf(ctx: ModuleContext, test: Node): Node | undefined {
  if (test.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(test.name as string, test);
  return binding?.kind === 'const' ? binding.init : undefined;
}

/**
 * What a call to a module-local predicate taking no arguments returns (`isOfflineLocalhost()` declared as
 * `() => process.env.IS_OFFLINE && process.env.STAGE === 'local'`, or with one `return`): a test read once.
 */
function predicateResult(ctx: ModuleContext, test: Node): Node | undefined {
  if (test.type !== 'CallExpression' || (test.arguments as Node[]).length > 0) return undefined;
  const fn = ctx.functionOf(test.callee as Node);
  const body = fn?.body as Node | undefined;
  if (body === undefined || body.type !== 'BlockStatement') return body;
  const statements = body.body as Node[];
  const only = statements.length === 1 ? statements[0] : undefined;
  return only?.type === 'ReturnStatement' ? ((only.argument as Node | null) ?? undefined) : undefined;
}

/** Is the test true only in a local run? */
function local(ctx: ModuleContext, node: Node, depth: number): boolean {
  const test = unwrap(node);
  if (test === undefined || depth > 3) return false;
  const flag = envName(test);
  if (flag !== undefined) return LOCAL_FLAGS.test(flag);
  if (test.type === 'BinaryExpression') {
    // `process.env.IS_OFFLINE === 'true'`, `stage === 'local'`
    const left = envName(test.left as Node);
    if (left !== undefined && LOCAL_FLAGS.test(left))
      return (
        (test.operator === '===' || test.operator === '==') && literalString(test.right as Node) !== 'false'
      );
    return comparesLocal(test) === 'equal';
  }
  if (test.type === 'LogicalExpression') {
    const left = test.left as Node;
    const right = test.right as Node;
    if (test.operator === '&&') return local(ctx, left, depth + 1) || local(ctx, right, depth + 1);
    // `!process.env.BRANCH || process.env.BRANCH === 'local'`: the variable unset counts as local only
    // beside a test that names the local value.
    if (test.operator === '||')
      return (
        (local(ctx, left, depth + 1) || (unset(left) && local(ctx, right, depth + 1))) &&
        (local(ctx, right, depth + 1) || (unset(right) && local(ctx, left, depth + 1)))
      );
    return false;
  }
  if (test.type === 'UnaryExpression' && test.operator === '!')
    return deployed(ctx, test.argument as Node, depth + 1);
  const init = initOf(ctx, test) ?? predicateResult(ctx, test);
  return init !== undefined && local(ctx, init, depth + 1);
}

/** Is the test false only in a local run (its `else` branch is the local one)? */
function deployed(ctx: ModuleContext, node: Node, depth: number): boolean {
  const test = unwrap(node);
  if (test === undefined || depth > 3) return false;
  if (test.type === 'UnaryExpression' && test.operator === '!')
    return local(ctx, test.argument as Node, depth + 1);
  if (test.type === 'BinaryExpression') return comparesLocal(test) === 'unequal';
  const init = initOf(ctx, test) ?? predicateResult(ctx, test);
  return init !== undefined && deployed(ctx, init, depth + 1);
}

/** `!process.env.NAME`: the variable is not set. */
function unset(node: Node): boolean {
  const n = unwrap(node);
  return n?.type === 'UnaryExpression' && n.operator === '!' && envName(n.argument as Node) !== undefined;
}
