// swallowed-error for `Promise.allSettled` over project helpers. settledDrops.ts judges a settle whose work
// calls another system itself; most real fan-outs call the project's own helpers instead (`Chat.addMember`,
// `storeEvent(...)`), whose I/O is out of view. When the function's own code picks the rejected entries
// out of the settled answer (`r.status === 'rejected'`, `r.reason`), its author knows the work can fail,
// and the I/O need not be in view: what it then does with them (only a log line or a count) decides.
// Read from the syntax tree, never from text: a comment that names rejections proves nothing. A helper of
// another module that ends its own failures (never rejects) is asked at the project pass (its
// ExportFact.endsFailures), as a local one is asked here (batchIds.ts neverRejects).
import { forEachDescendant, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { BEST_EFFORT } from './catchFacts.js';

/** The identifier a chain of calls and member reads starts from: `settled` of `settled.filter(f).forEach(g)`. */
function chainRoot(node: Node | undefined): Node | undefined {
  let at = unwrap(node);
  for (;;) {
    if (at?.type === 'CallExpression') at = unwrap(at.callee);
    else if (at?.type === 'MemberExpression') at = unwrap(at.object);
    else return at;
  }
}

/** `node` names the settled answer by binding: it resolves to `answer`, the settle's declarator. */
function isAnswer(ctx: ModuleContext, node: Node | undefined, answer: Node): boolean {
  const n = unwrap(node);
  return n?.type === 'Identifier' && ctx.resolve(n.name as string, n)?.declaration === answer;
}

/**
 * `entry` is an entry of the settled answer: `answer[i]` (also kept in a local), the parameter of a callback
 * handed to a method of a chain on it (`results.filter((r) => ...)`), or the variable of a `for (const r of
 * results)` loop. Tied by binding (`answer` is the settle's declarator), never by name.
 */
function entryOf(ctx: ModuleContext, entry: Node | undefined, answer: Node): boolean {
  const e = unwrap(entry);
  if (e?.type === 'MemberExpression')
    return e.computed === true && isAnswer(ctx, chainRoot(e.object), answer);
  if (e?.type !== 'Identifier') return false;
  const binding = ctx.resolve(e.name as string, e);
  const declared = binding?.declaration;
  if (declared === undefined) return false;
  // `const result = results[i]`: an entry kept in a local.
  const init = unwrap(binding?.init);
  if (init?.type === 'MemberExpression') return entryOf(ctx, init, answer);
  const holder = ctx.parentOf(declared);
  if (isFunction(holder) && (holder?.params as Node[] | undefined)?.includes(declared)) {
    const call = ctx.parentOf(holder as Node);
    return call?.type === 'CallExpression' && isAnswer(ctx, chainRoot(call.callee), answer);
  }
  // `for (const r of results)`: the declarator's declaration is the loop's left side.
  const loop = ctx.parentOf(ctx.parentOf(declared) as Node);
  return loop?.type === 'ForOfStatement' && isAnswer(ctx, chainRoot(loop.right as Node), answer);
}

/** `x.status === 'rejected'` (or `!==`, `==`): the literal `'rejected'` against a `status` read. */
function rejectedTest(node: Node): Node | undefined {
  if (node.type !== 'BinaryExpression' || !/^[!=]==?$/.test(node.operator as string)) return undefined;
  const [a, b] = [unwrap(node.left as Node), unwrap(node.right as Node)];
  const other =
    a?.type === 'Literal' && a.value === 'rejected'
      ? b
      : b?.type === 'Literal' && b.value === 'rejected'
        ? a
        : undefined;
  return other?.type === 'MemberExpression' &&
    propertyName(other.property as Node, other.computed as boolean) === 'status'
    ? (other.object as Node)
    : undefined;
}

/** `n` picks a rejected entry of the answer: a rejected test on an entry, or an entry's `reason` read. */
function picksAt(ctx: ModuleContext, n: Node, answer: Node): boolean {
  const tested = rejectedTest(n);
  if (tested !== undefined) return entryOf(ctx, tested, answer);
  return (
    n.type === 'MemberExpression' &&
    propertyName(n.property as Node, n.computed as boolean) === 'reason' &&
    entryOf(ctx, n.object as Node, answer)
  );
}

/**
 * After `from`, the function's code tests an entry of the settled answer for rejection, or reads an
 * entry's `reason` (through a cast too: `(r as PromiseRejectedResult).reason`). `answer` is the settle's
 * declarator.
 *
 * @example
 * picksRejected(ctx, fn, decl.end, decl) // true for: results.forEach((r) => { if (r.status === 'rejected') log(r) })
 */
export function picksRejected(ctx: ModuleContext, fn: Node, from: number, answer: Node): boolean {
  return someDescendant(fn.body as Node, (n) => n.start >= from && picksAt(ctx, n, answer));
}

/** A name that is not a read: an object key or a member's property (`{ results: x }`, `x.results`). */
function nameOnly(ctx: ModuleContext, id: Node): boolean {
  const p = ctx.parentOf(id);
  if (p?.type === 'MemberExpression') return p.property === id && !p.computed;
  return p?.type === 'Property' && p.key === id && !p.computed && !p.shorthand;
}

/** A count of a list (`failed.length`): it carries no entry. */
const isCount = (n: Node) =>
  n.type === 'MemberExpression' && !n.computed && propertyName(n.property as Node) === 'length';

/**
 * `node` carries the settled answer's rejected entries: the answer itself, a chain on it that picks them
 * (`results.filter((r) => r.status === 'rejected')`), an entry's `reason`, an entry under a rejected test
 * of it, or a local of the function made from these after the settle (its value, or pushed into it). A
 * count (`.length`) carries none; names are tied by binding.
 */
function carries(
  ctx: ModuleContext,
  node: Node | undefined,
  fn: Node,
  from: number,
  answer: Node,
  hops = 2,
): boolean {
  const n = unwrap(node);
  if (n === undefined || isCount(n)) return false;
  const here = (d: Node): boolean => {
    if (isCount(d)) return false;
    if (picksAt(ctx, d, answer)) return true;
    if (d.type !== 'Identifier' || nameOnly(ctx, d)) return false;
    if (isAnswer(ctx, d, answer)) {
      // The chain on it (`results.filter(...).map(...)`): the answer as a whole, or the part it picks.
      let outer = d;
      for (let p = ctx.parentOf(outer); ; p = ctx.parentOf(outer)) {
        if (p?.type === 'MemberExpression' && unwrap(p.object) === outer) outer = p;
        else if (p?.type === 'CallExpression' && unwrap(p.callee) === outer) outer = p;
        else break;
      }
      return outer === d || someDescendant(outer, (x) => picksAt(ctx, x, answer));
    }
    if (entryOf(ctx, d, answer)) return underRejectedTest(ctx, d, answer);
    const b = ctx.resolve(d.name as string, d);
    if (hops === 0 || b === undefined || b.declaration.start < from) return false;
    if (b.declaration.type !== 'VariableDeclarator' || ctx.enclosingFunction(b.declaration) !== fn)
      return false;
    return (
      carries(ctx, b.init, fn, from, answer, hops - 1) ||
      filledFrom(ctx, b.declaration, fn, from, answer, hops - 1)
    );
  };
  if (here(n)) return true;
  let found = false;
  forEachDescendant(n, (d) => {
    if (found || isCount(d)) return false;
    found = here(d);
    return !found;
  });
  return found;
}

/** The entry `id` is read where a rejected test on an entry of the answer decides it (`if (r.status === 'rejected')`). */
function underRejectedTest(ctx: ModuleContext, id: Node, answer: Node): boolean {
  for (let p = ctx.parentOf(id); p !== undefined && !isFunction(p); p = ctx.parentOf(p)) {
    const test =
      p.type === 'IfStatement' || p.type === 'ConditionalExpression' ? (p.test as Node) : undefined;
    if (
      test !== undefined &&
      (picksAt(ctx, test, answer) || someDescendant(test, (x) => picksAt(ctx, x, answer), true))
    )
      return true;
  }
  return false;
}

/**
 * The list a declarator makes is filled with values carrying the rejections: `outcomes.push(err(r.reason))`
 * after `const outcomes = []`, the list then standing for them.
 */
function filledFrom(
  ctx: ModuleContext,
  declared: Node,
  fn: Node,
  from: number,
  answer: Node,
  hops: number,
): boolean {
  const list = unwrap(declared.id as Node);
  if (list?.type !== 'Identifier') return false;
  return someDescendant(fn.body as Node, (n) => {
    const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined;
    if (callee?.type !== 'MemberExpression' || propertyName(callee.property as Node) !== 'push') return false;
    const target = unwrap(callee.object);
    return (
      target?.type === 'Identifier' &&
      ctx.resolve(target.name as string, target)?.declaration === declared &&
      (n.arguments as Node[]).some((a) => carries(ctx, a, fn, from, answer, hops))
    );
  });
}

/**
 * A binding that outlives the run of the function: `this`, a parameter of it, or one declared outside it.
 * A local list, made before the settle or after, ends with the run: filled and only logged, it hands
 * nothing on.
 */
function outlives(ctx: ModuleContext, target: Node | undefined, fn: Node): boolean {
  let root = unwrap(target);
  while (root?.type === 'MemberExpression') root = unwrap(root.object);
  if (root?.type === 'ThisExpression') return true;
  if (root?.type !== 'Identifier') return false;
  const b = ctx.resolve(root.name as string, root);
  if (b === undefined || b.kind === 'import') return false;
  if (b.kind === 'param')
    return b.declaration.end <= (fn.body as Node).start && b.declaration.start >= fn.start;
  return !(fn.start <= b.declaration.start && b.declaration.end <= fn.end);
}

/**
 * After `from`, the function hands on the settled answer's rejected entries: returns them (`return
 * failures`, `return { failed }`), pushes them into a list that outlives the run (a caller's
 * `errors.push(reason)`), or stores them there (`this.failed = results.filter(rejected)`). Their reader
 * then decides what a rejection means. A count, a fulfilled value, or a local list only logged is not enough.
 */
export function handsOn(ctx: ModuleContext, fn: Node, from: number, answer: Node): boolean {
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.start < from) return false;
      // The function's own return: a callback's (`results.map((r) => ({ ...r }))`) answers only its caller.
      if (n.type === 'ReturnStatement')
        return ctx.enclosingFunction(n) === fn && carries(ctx, n.argument as Node, fn, from, answer);
      if (n.type === 'AssignmentExpression')
        return (
          unwrap(n.left)?.type === 'MemberExpression' &&
          outlives(ctx, n.left as Node, fn) &&
          carries(ctx, n.right as Node, fn, from, answer)
        );
      const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined;
      if (
        callee?.type !== 'MemberExpression' ||
        !/^(push|unshift)$/.test(propertyName(callee.property as Node) ?? '')
      )
        return false;
      return (
        outlives(ctx, callee.object as Node, fn) &&
        (n.arguments as Node[]).some((a) => carries(ctx, a, fn, from, answer))
      );
    },
    false,
  );
}

/**
 * The parsed comments just above the settle's statement (only blank space between them and it) decide that
 * its failures may pass, in the words a catch's comment decides with (catchFacts.ts BEST_EFFORT): `// Send
 * emails (don't fail the request if emails fail)`. Best effort by design, as a catch so commented is. Another
 * statement's comment (a catch's body above) or a string holding `//` is not read.
 */
export function settleDecided(ctx: ModuleContext, statement: Node): boolean {
  const texts: string[] = [];
  let at = statement.start;
  for (let i = ctx.comments.length - 1; i >= 0; i--) {
    const c = ctx.comments[i];
    if (c === undefined || c.end > at) continue;
    if (ctx.source.slice(c.end, at).trim() !== '') break;
    texts.push(c.value);
    at = c.start;
  }
  return texts.length > 0 && BEST_EFFORT.test(texts.join(' '));
}
