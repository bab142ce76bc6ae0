// A branch only a caller's option turns on: `else if (options.updateOnly) { ... }` in a function whose
// parameter defaults to off (`options = {}`, `enable = false`) and whose every call in its module leaves
// that argument out (the Lambda's handler calls `processRecords(type, records)`). The branch runs only
// for a caller elsewhere that passes the option: an operator's script (scriptCallers.ts decides, for an
// exported function), or nobody (a function of the module only, whose calls all leave it out).
import { escapeRegExp } from '../escapeRegExp.js';
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The function whose option gates `node`, and the names it is exported under (none: only the module
 * calls it, and every call leaves the option out). Undefined when no such branch holds the node.
 *
 * @example
 * flagGated(ctx, catchClause) // { exported: ['processRecords'] } inside `if (options.updateOnly)`
 */
export function flagGated(ctx: ModuleContext, node: Node): { exported: string[] } | undefined {
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined) return undefined;
  const kind = ctx.handlers.get(fn);
  // Lambda calls an entry with its own arguments (a callback is truthy): only helpers are judged.
  if (kind === 'entry' || kind === 'record') return undefined;
  let index: number | undefined;
  let child = node;
  for (
    let parent = ctx.parentOf(node);
    parent !== undefined && parent !== fn;
    parent = ctx.parentOf(parent)
  ) {
    if (
      (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') &&
      parent.consequent === child
    )
      index ??= paramFlag(ctx, fn, parent.test as Node);
    else if (parent.type === 'LogicalExpression' && parent.operator === '&&' && parent.right === child)
      index ??= paramFlag(ctx, fn, parent.left as Node);
    child = parent;
  }
  if (index === undefined) return undefined;
  const name = declaredName(ctx, fn);
  if (name === undefined) return undefined;
  return callsLeaveOut(ctx, fn, name, index);
}

/** The index of `fn`'s parameter the test reads as a flag (`enable`, `options.dryRun`), defaulting to off. */
function paramFlag(ctx: ModuleContext, fn: Node, raw: Node): number | undefined {
  const test = unwrap(raw);
  const base =
    test?.type === 'Identifier'
      ? test
      : test?.type === 'MemberExpression' && unwrap(test.object as Node)?.type === 'Identifier'
        ? (unwrap(test.object as Node) as Node)
        : undefined;
  if (base === undefined) return undefined;
  const binding = ctx.resolve(base.name as string, base);
  if (binding?.kind !== 'param') return undefined;
  const params = fn.params as Node[];
  const index = params.findIndex((p) => {
    const id = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
    return id.type === 'Identifier' && id.name === base.name;
  });
  if (index < 0) return undefined;
  const param = params[index] as Node;
  if (param.type !== 'AssignmentPattern') return index;
  const value = unwrap(param.right as Node);
  const off =
    value?.type === 'ObjectExpression'
      ? (value.properties as Node[]).length === 0
      : value?.type === 'Literal' && !value.value;
  return off ? index : undefined;
}

/**
 * The name a function is declared or bound under (`function f`, `const f = async () => ...`).
 * @example
 * declaredName(ctx, fn) // 'processRecords'
 */
export function declaredName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration') return (fn.id as Node | null)?.name as string | undefined;
  const parent = ctx.parentOf(fn);
  return parent?.type === 'VariableDeclarator' && (parent.id as Node).type === 'Identifier'
    ? ((parent.id as Node).name as string)
    : undefined;
}

/**
 * Every call of `fn` in the module passes fewer than `index + 1` arguments (none spread), and the name is
 * used for nothing else but its declaration and its export: the names it is exported under. Undefined
 * when a call passes the option, or the function is handed on as a value.
 */
function callsLeaveOut(
  ctx: ModuleContext,
  fn: Node,
  name: string,
  index: number,
): { exported: string[] } | undefined {
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'Identifier' || callee.name !== name || ctx.functionOf(callee) !== fn) continue;
    const args = call.arguments as Node[];
    if (args.length > index || args.some((a) => a.type === 'SpreadElement')) return undefined;
    calls++;
  }
  if (calls === 0) return undefined;
  // A call through an object (`module.exports.processRecords(rows, { updateOnly: true })`) is not counted.
  if (new RegExp(`\\.\\s*${escapeRegExp(name)}\\s*\\(`).test(ctx.source)) return undefined;
  const exported = [...ctx.exports].filter(([, v]) => ctx.functionOf(v) === fn).map(([n]) => n);
  // Declaration, calls, and one mention per export (`module.exports = { handler, processRecords }`).
  return nameMentions(ctx, name) <= 1 + calls + exported.length ? { exported } : undefined;
}

/**
 * How often `name` is written in the module's text as a name of its own (not `x.name`): its declaration,
 * calls, exports, and uses as a value. Comments count too, on the safe side.
 */
export function nameMentions(ctx: ModuleContext, name: string): number {
  return ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g'))?.length ?? 0;
}
