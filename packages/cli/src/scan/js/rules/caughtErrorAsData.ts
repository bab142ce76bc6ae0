// swallowed-error: how a caller uses the answer of a function whose catch answers the error it caught
// (`catch (e) { log(e); return e; }`, caughtErrorReturns.ts). Kept and gone on with as data (its fields read,
// put in a header, handed to the next step, pushed into the results), the Error is a stand-in for the data:
// `token.access_token` is undefined, `Bearer ${token}` says `[object Object]`, and nothing fails where the
// failure was. A caller that tests the answer as an error (`instanceof Error`, `.message`, `isAxiosError`)
// reads the design; one that calls a method on it at once (`employees.map(...)`) or iterates it fails with a
// TypeError, so the failure surfaces there.
import { isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** How a caller uses an answer; `printed` when it keeps it only for log lines, which drop it too. */
export type Use = 'data' | 'checked' | 'loud' | 'printed' | undefined;

/** Fields only an error has (or that a caller reads to tell one): reading them is a test of the answer. */
const ERROR_FIELDS = new Set(['message', 'code', 'name', 'stack', 'error', 'errors', 'cause', '$metadata']);

const THROUGH = new Set([
  'AwaitExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
]);

/** A line that only prints: `console.log('x', value)`, `logger.info(...)`, `Log('done', intent)`. */
const LOG_LINE = /(?:^|[^\w$.])(?:console|logger|log|this\.logger)(?:\.\w+)?\s*\(/i;

/** The module's calls, grouped once: by the function a plain callee names, and by class body and `this.` name. */
interface CallIndex {
  readonly byFunction: Map<Node, Node[]>;
  readonly byMethod: Map<Node, Map<string, Node[]>>;
}

const indexes = new WeakMap<ModuleContext, CallIndex>();

/** The nearest class body around `node`, if any. */
function classBodyOf(ctx: ModuleContext, node: Node): Node | undefined {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) if (n.type === 'ClassBody') return n;
  return undefined;
}

/** Built once per module: asking per catch by walking every call made a large module quadratic. */
function callIndex(ctx: ModuleContext): CallIndex {
  let index = indexes.get(ctx);
  if (index !== undefined) return index;
  index = { byFunction: new Map(), byMethod: new Map() };
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type === 'Identifier') {
      const fn = ctx.functionOf(callee);
      if (fn !== undefined) index.byFunction.set(fn, [...(index.byFunction.get(fn) ?? []), call]);
      continue;
    }
    if (callee?.type !== 'MemberExpression' || unwrap(callee.object as Node)?.type !== 'ThisExpression')
      continue;
    const name = propertyName(callee.property as Node, callee.computed as boolean);
    const body = name === undefined ? undefined : classBodyOf(ctx, call);
    if (name === undefined || body === undefined) continue;
    let byName = index.byMethod.get(body);
    if (byName === undefined) {
      byName = new Map();
      index.byMethod.set(body, byName);
    }
    byName.set(name, [...(byName.get(name) ?? []), call]);
  }
  indexes.set(ctx, index);
  return index;
}

/** The calls of `fn` in its own module: by name, or `this.name(...)` from inside the same class. */
function localCalls(ctx: ModuleContext, fn: Node, name: string): Node[] {
  const owner = ctx.parentOf(fn);
  const body =
    owner?.type === 'MethodDefinition' || owner?.type === 'PropertyDefinition'
      ? ctx.parentOf(owner)
      : undefined;
  const index = callIndex(ctx);
  const calls = [
    ...(index.byFunction.get(fn) ?? []),
    ...(body === undefined ? [] : (index.byMethod.get(body)?.get(name) ?? [])),
  ];
  // A recursive call hands its answer to the same function's callers.
  return calls
    .filter((call) => ctx.enclosingFunction(call) !== fn)
    .sort((a, b) => (a.start as number) - (b.start as number));
}

/** A member read of the answer: a field an error has is a test, a method call fails, anything else is data. */
function memberUse(ctx: ModuleContext, member: Node): Use {
  const field = propertyName(member.property as Node, member.computed as boolean);
  if (field !== undefined && ERROR_FIELDS.has(field)) return 'checked';
  const { node, parent } = ctx.climb(member, (p) => p.type === 'ChainExpression');
  if (parent?.type === 'CallExpression' && parent.callee === node && field !== 'toString') return 'loud';
  return 'data';
}

/** How the caller uses the variable `name` it kept the answer in, read from the text after `from`. */
function keptUse(ctx: ModuleContext, scope: Node, name: string, from: number): Use {
  const text = ctx.source.slice(from, scope.end as number);
  const escaped = name.replace(/\$/g, '\\$');
  const mention = new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, 'g');
  let first: Use | 'propagated';
  let printed = false;
  for (let m = mention.exec(text); m !== null; m = mention.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const after = text.slice(m.index + name.length, m.index + name.length + 80);
    const lineStart = before.slice(before.lastIndexOf('\n') + 1);
    if (/^\s+instanceof\b/.test(after) || /\bis\w*Error\s*\(\s*$/.test(before)) return 'checked';
    const field = /^\s*\??\.\s*([\w$]+)/.exec(after)?.[1];
    if (field !== undefined && ERROR_FIELDS.has(field)) return 'checked';
    if (first !== undefined) continue;
    // A log line only prints it: the next mention decides.
    if (LOG_LINE.test(lineStart)) {
      printed = true;
      continue;
    }
    // Returned whole, the answer is its caller's to judge; `return token.value` reads it here as data.
    if (/^\s*=(?!=)/.test(after) || (/\breturn\s*$/.test(before) && field === undefined))
      first = 'propagated';
    else if (/^\s*\??\.\s*[\w$]+\s*\(/.test(after) && field !== 'toString') first = 'loud';
    else if (/\bof\s*$|\.\.\.\s*$/.test(before)) first = 'loud';
    else first = 'data';
  }
  if (first === undefined) return printed ? 'printed' : undefined;
  return first === 'propagated' ? undefined : first;
}

/** How one caller uses the answer of `call`. */
export function callerUse(ctx: ModuleContext, call: Node): Use {
  const { node, parent } = ctx.climb(call, (p) => THROUGH.has(p.type));
  if (parent === undefined) return undefined;
  if (parent.type === 'MemberExpression' && parent.object === node) return memberUse(ctx, parent);
  let target: Node | undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === node) target = parent.id as Node;
  else if (parent.type === 'AssignmentExpression' && parent.right === node && parent.operator === '=')
    target = parent.left as Node;
  if (target !== undefined) {
    if (target.type !== 'Identifier') return undefined;
    const scope = ctx.enclosingFunction(call) ?? ctx.program;
    return keptUse(ctx, scope, target.name as string, parent.end as number);
  }
  // Handed straight on as an argument (`results.push(await read(v))`) or written into a string.
  if (parent.type === 'CallExpression' && parent.callee !== node) {
    const callee = unwrap(parent.callee as Node);
    const named =
      callee?.type === 'Identifier' ? (callee.name as string) : propertyName(callee?.property as Node);
    return named !== undefined && /^is\w*Error$/.test(named) ? 'checked' : 'data';
  }
  return parent.type === 'TemplateLiteral' ? 'data' : undefined;
}

/**
 * Whether a caller in `fn`'s own module goes on with its answer as data, and none tests it as an error.
 *
 * @example
 * usedAsData(ctx, fn, 'fetchToken') // true for `const token = await this.fetchToken(); ... `Bearer ${token}``
 */
export function usedAsData(ctx: ModuleContext, fn: Node, name: string): boolean {
  if (!isFunction(fn)) return false;
  let data = false;
  for (const call of localCalls(ctx, fn, name)) {
    const use = callerUse(ctx, call);
    if (use === 'checked') return false;
    if (use === 'data') data = true;
  }
  return data;
}
