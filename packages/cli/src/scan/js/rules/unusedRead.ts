// swallowed-error: a catch that only logs around a read whose answer nothing uses (`let wallet; try {
// wallet = await getWallet(id); log(wallet) } catch (e) { log(e) }`, and `wallet` is never read again).
// The failed read loses nothing: no write was attempted and no later step waits on the answer, so the
// work goes on exactly as it would have on success. A write's answer left unused is not this: its failure
// is the work lost, so only calls named as reads, and spelled as nothing else, count.
import { calleeName, type Node, objectProps, someDescendant, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Binding } from '../moduleIndex.js';
import { isLogCall } from './catchFacts.js';

/**
 * Call names that fetch data (`getRecord`, `queryEntity`, `fetchWallet`): the verb must end the name or be
 * followed by a word break, else `listen`, `ready` and `getaway` would count.
 */
const READ_NAME = /^(get|fetch|query|list|read|find|describe|load|search|lookup|retrieve)(?:[A-Z_]|$)/;

/**
 * A word in the rest of the name that makes the read also a write, or a check whose throw is the signal
 * (`findOneAndUpdate`, `getOrCreateUser`, `fetchAndCacheToken`, `getLock`, `findUserOrFail`).
 */
const NOT_ONLY_READ =
  /(And|Or|Update|Create|Save|Put|Delete|Remove|Insert|Upsert|Write|Set|Lock|Cache|Ensure|Fail|Throw)(?:[A-Z_\d]|$)/;

/** HTTP methods that change nothing on the server. */
const SAFE_METHOD = /^(get|head|options)$/i;

/**
 * The call reads and nothing else: named as a read, with no write word in the name, and for the two
 * names that also write (`fetch(url, { method: 'POST' })`, `query('INSERT ...')`) spelled as a read.
 */
function onlyReads(call: Node): boolean {
  const name = calleeName(call) ?? '';
  if (!READ_NAME.test(name) || NOT_ONLY_READ.test(name.replace(READ_NAME, ''))) return false;
  const args = call.arguments as Node[];
  if (name === 'fetch') {
    // No options is a GET; options we cannot read may carry any method.
    if (args[1] === undefined) return true;
    const options = objectProps(args[1]);
    if (options === undefined || options.spread) return false;
    const method = options.props.get('method');
    return method === undefined || SAFE_METHOD.test(stringValue(method) ?? '');
  }
  // `pool.query(sql)` runs whatever the text says: only a SELECT spelled out in place is a read.
  if (name === 'query') return /^\s*select\b/i.test(stringValue(args[0]) ?? '');
  return true;
}

/** `x = await read(...)` (or without `await`): the assigned name when the call only reads. */
function readInto(statement: Node): Node | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const assignment = unwrap(statement.expression);
  if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=') return undefined;
  if (assignment.left?.type !== 'Identifier') return undefined;
  let value = unwrap(assignment.right);
  if (value?.type === 'AwaitExpression') value = unwrap(value.argument);
  if (value?.type !== 'CallExpression') return undefined;
  return onlyReads(value) ? (assignment.left as Node) : undefined;
}

/**
 * The try only reads into local names (besides log lines) and nothing mentions those names outside the
 * try but for declaring them, anywhere in the scope that declares them (an outer function's `let` that a
 * closure fills, a module-level `let` another function reads): the answer is unused, so its failure loses
 * nothing.
 *
 * @example
 * unusedRead(ctx, tryNode) // let task; try { task = await getRecord(t, k); log(task) } catch (e) { log(e) } -> true
 */
export function unusedRead(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = tryStatement.block as Node;
  const bindings = new Set<Binding>();
  for (const statement of block.body as Node[]) {
    const name = readInto(statement);
    const binding = name === undefined ? undefined : ctx.resolve(name.name as string, name);
    if (binding !== undefined && binding.kind !== 'param') bindings.add(binding);
    else if (!isLogCall(statement)) return false;
  }
  if (bindings.size === 0) return false;
  return [...bindings].every((binding) => !usedOutside(ctx, binding, block));
}

/** `binding` is exported or mentioned outside `block` anywhere in its declaring scope. */
function usedOutside(ctx: ModuleContext, binding: Binding, block: Node): boolean {
  // `export let config`: other modules may read it.
  const declaration = ctx.parentOf(binding.declaration);
  if (ctx.parentOf(declaration as Node)?.type === 'ExportNamedDeclaration') return true;
  return someDescendant(binding.scope, (n) => {
    if (n.type !== 'Identifier' || n.name !== binding.name) return false;
    if (n.start >= block.start && n.end <= block.end) return false;
    const parent = ctx.parentOf(n);
    // The declaration (`let task;`, `let task: Task | null = null`) is no use.
    if (parent?.type === 'VariableDeclarator' && parent.id === n) return false;
    // A property key of the same spelling (`{ task: 1 }`, `x.task`) is another thing.
    if (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true)
      return false;
    if (parent?.type === 'Property' && parent.key === n && parent.shorthand !== true) return false;
    // Another variable of the same name (a nested function's own `let wallet`) is another thing.
    const resolved = ctx.resolve(n.name as string, n);
    return resolved === undefined || resolved === binding;
  });
}
