// Small, typed-loosely helpers over the ESTree/TS-ESTree nodes oxc-parser produces.
import { visitorKeys } from 'oxc-parser';

/** An ESTree node as oxc-parser emits it; rules look at fields by name. */
// biome-ignore lint/suspicious/noExplicitAny: nodes of ~200 kinds are walked generically; rules check `type` first.
export type Node = { type: string; start: number; end: number } & Record<string, any>;

export function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The node types unwrap strips: they leave the value they wrap unchanged (`(x)`, `x as T`, `x!`, `a?.b`). */
export const WRAPPERS: ReadonlySet<string> = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ChainExpression',
]);

/**
 * `await`, parentheses, `as`: what a call's answer passes through on its way to where it is used; a
 * `ctx.climb` predicate.
 */
export const answerWrapper = (p: Node): boolean =>
  p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression';

/** Strips parentheses, `as`, `satisfies`, `!` and optional chains. */
export function unwrap(node: Node | null | undefined): Node | undefined {
  let current = node ?? undefined;
  while (current !== undefined && WRAPPERS.has(current.type)) current = current.expression as Node;
  return current;
}

/**
 * A class, declared or written as an expression.
 * @example
 * isClass(program.body[0]); // true for `class A {}`
 */
export function isClass(node: Node | undefined): boolean {
  return node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';
}

export function isFunction(node: Node | undefined): boolean {
  return (
    node !== undefined &&
    (node.type === 'ArrowFunctionExpression' ||
      node.type === 'FunctionExpression' ||
      node.type === 'FunctionDeclaration')
  );
}

/** The static name of a property key or member property: `a.b` -> `b`, `a['b']` -> `b`. */
export function propertyName(node: Node | undefined, computed = false): string | undefined {
  if (node === undefined) return undefined;
  if (!computed && node.type === 'Identifier') return node.name as string;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value?.cooked;
  return undefined;
}

/** `a.b.c(...)` -> ['a', 'b', 'c']; `this.x` -> ['this', 'x']; undefined when a part is dynamic. */
export function memberPath(node: Node | undefined): string[] | undefined {
  const n = unwrap(node);
  if (n === undefined) return undefined;
  if (n.type === 'Identifier') return [n.name as string];
  if (n.type === 'ThisExpression') return ['this'];
  if (n.type === 'MemberExpression') {
    const object = memberPath(n.object as Node);
    const name = propertyName(n.property as Node, n.computed as boolean);
    if (object === undefined || name === undefined) return undefined;
    return [...object, name];
  }
  if (n.type === 'CallExpression') {
    // `axios.create().get` -> the call is opaque, but keep the chain readable for method checks.
    const callee = memberPath(n.callee as Node);
    return callee === undefined ? undefined : [...callee.slice(0, -1), `${callee.at(-1)}()`];
  }
  return undefined;
}

/** The name a parameter binds (`x`, `x: T`, `x = d`, `private x: T`); undefined for a pattern. */
export function paramName(param: Node | undefined): string | undefined {
  let p = unwrap(param);
  if (p?.type === 'TSParameterProperty') p = unwrap(p.parameter as Node);
  if (p?.type === 'AssignmentPattern') p = unwrap(p.left as Node);
  return p?.type === 'Identifier' ? (p.name as string) : undefined;
}

/** The root identifier of a member chain: `a.b.c` -> `a`. */
export function rootIdentifier(node: Node | undefined): string | undefined {
  let n = unwrap(node);
  while (n !== undefined) {
    if (n.type === 'Identifier') return n.name as string;
    if (n.type === 'MemberExpression') n = unwrap(n.object as Node);
    else if (n.type === 'CallExpression') n = unwrap(n.callee as Node);
    else return undefined;
  }
  return undefined;
}

/** Last name of a callee: `a.b.c()` -> `c`, `f()` -> `f`. */
export function calleeName(call: Node): string | undefined {
  return lastName(call.callee as Node);
}

/**
 * The name an expression ends in: an identifier's, or a member access's property (`a.b.batchItemFailures`).
 * @example
 * lastName(parse('record.body')); // 'body'
 */
export function lastName(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n === undefined) return undefined;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'MemberExpression') return propertyName(n.property as Node, n.computed as boolean);
  return undefined;
}

export type ObjectProps = Map<string, Node>;

/** Properties of an object literal by static key; `spread` is true when a `...x` makes it open-ended. */
export function objectProps(node: Node | undefined): { props: ObjectProps; spread: boolean } | undefined {
  const n = unwrap(node);
  if (n === undefined || n.type !== 'ObjectExpression') return undefined;
  const props: ObjectProps = new Map();
  let spread = false;
  for (const p of n.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      spread = true;
      continue;
    }
    const key = propertyName(p.key as Node, p.computed as boolean);
    if (key === undefined) spread = true;
    else props.set(key, p.shorthand ? (p.key as Node) : (p.value as Node));
  }
  return { props, spread };
}

export function stringValue(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n === undefined) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral')
    return (n.quasis as Node[]).map((q) => q.value.cooked ?? '').join('\u0024{}');
  return undefined;
}

/** The number a literal spells (`42`, `-1`, `Infinity`, `Number.POSITIVE_INFINITY`); undefined otherwise. */
export function numberValue(node: Node | undefined): number | undefined {
  const n = unwrap(node);
  if (n === undefined) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  // A negative number is a minus applied to a literal: `retryAttempts: -1` is how AWS spells "no limit".
  const negated = n.type === 'UnaryExpression' && n.operator === '-' ? numberValue(n.argument) : undefined;
  if (negated !== undefined) return -negated;
  if (n.type === 'Identifier' && n.name === 'Infinity') return Number.POSITIVE_INFINITY;
  if (n.type === 'MemberExpression' && memberPath(n)?.join('.') === 'Number.POSITIVE_INFINITY')
    return Number.POSITIVE_INFINITY;
  return undefined;
}

export function isBooleanLiteral(node: Node | undefined, value: boolean): boolean {
  const n = unwrap(node);
  return n?.type === 'Literal' && n.value === value;
}

/**
 * Every key of a node type that can hold a child node, in the order the parser creates them (its visitor
 * keys, plus the Program's hashbang): the walk below visits children in the same order as a `for...in`
 * over the node, without looking at each node's other fields.
 */
const ALL_KEYS = new Map<string, readonly string[]>([
  ...Object.entries(visitorKeys as Record<string, readonly string[]>),
  ['Program', [...((visitorKeys as Record<string, readonly string[]>).Program ?? []), 'hashbang']],
]);

function pushChild(stack: Node[], value: unknown): void {
  // Most fields hold null, a string or a number: ruled out before the array and node tests, which cost
  // more; the walks spend most of their time here (someDescendant on every judged call).
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i]);
    // isNode's test, inlined: isNode once the null and non-object values are ruled out (change both together).
  } else if (typeof (value as { type?: unknown }).type === 'string') stack.push(value as Node);
}

/** Visits every node below `root` (not into nested functions when `skipFunctions`). */
export function forEachDescendant(
  root: Node | undefined,
  visit: (node: Node) => boolean | undefined,
  skipFunctions = false,
): void {
  if (root === undefined || root === null) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node !== root) {
      if (visit(node) === false) continue;
      if (skipFunctions && isFunction(node)) continue;
    }
    pushChildren(stack, node);
  }
}

/** Pushes a node's children for the walks below (one order for both). */
function pushChildren(stack: Node[], node: Node): void {
  const keys = ALL_KEYS.get(node.type);
  if (keys !== undefined) for (let i = 0; i < keys.length; i++) pushChild(stack, node[keys[i] as string]);
  // A node a rule made up to walk several subtrees at once (`{ type: 'Wrap', v }`).
  else
    for (const key in node)
      if (key !== 'type' && key !== 'start' && key !== 'end') pushChild(stack, node[key]);
}

/**
 * True when some node below `root` satisfies `test`: forEachDescendant's order, stopping at the first
 * (the nodes still on the stack are not popped one by one). For a one-shot question, or a root made for
 * the question, use this; for a root other questions ask about again (a function's body), use someBelow
 * (subtreeIndex.ts), which lists the root once and answers every later question from the list.
 */
export function someDescendant(
  root: Node | undefined,
  test: (node: Node) => boolean,
  skipFunctions = false,
): boolean {
  if (root === undefined || root === null) return false;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node !== root) {
      if (test(node)) return true;
      if (skipFunctions && isFunction(node)) continue;
    }
    pushChildren(stack, node);
  }
  return false;
}

/**
 * `outer`'s source range holds `inner`'s (a node contains itself): for nodes of one parse, whose ranges
 * nest and whose siblings never overlap, the same answer as climbing `inner`'s parents to `outer`, without
 * the climb. An absent `outer` (an optional child: a call's first argument) contains nothing.
 * @example contains(loop.body, call) // true for the call in `for (const id of ids) await get(id)`
 */
export function contains(outer: Node | null | undefined, inner: Node): boolean {
  return outer != null && outer.start <= inner.start && inner.end <= outer.end;
}

/** `async`, or declared to return a Promise (`function throttlingBackOff<T>(...): Promise<T>`). */
export function returnsPromise(fn: Node): boolean {
  if (fn.async === true) return true;
  const type = fn.returnType?.typeAnnotation as Node | undefined;
  return (
    type?.type === 'TSTypeReference' &&
    type.typeName?.type === 'Identifier' &&
    type.typeName.name === 'Promise'
  );
}

/**
 * A made-up node whose only child is `node`, so a walk (someDescendant, forEachDescendant: neither tests its
 * root) visits `node` itself too: an arrow's expression body, a throw's argument, a branch.
 * @example someDescendant(wrap(arrow.body), isAwait) // true for `async () => await x` too
 */
export function wrap(node: Node | null | undefined): Node {
  // Callers hand in optional children (an init, an argument): a missing one wraps to a node with nothing below.
  return { type: 'Wrap', start: node?.start ?? 0, end: node?.end ?? 0, body: node } as Node;
}

/** `{ Bucket, Key }`: an object literal with a property of that name (or one a pattern matches). */
export function hasProperty(object: Node, name: string | RegExp): boolean {
  return (
    object.type === 'ObjectExpression' &&
    (object.properties as Node[]).some((p) => {
      if (p.type !== 'Property') return false;
      const key = propertyName(p.key, p.computed);
      return typeof name === 'string' ? key === name : name.test(key ?? '');
    })
  );
}
