// swallowed-error for `Promise.allSettled` over project helpers. settledDrops.ts judges a settle whose work
// calls another system itself; most real fan-outs call the project's own helpers instead (`Chat.addMember`,
// `storeEvent(...)`), whose I/O is out of view. When the function's own code picks the rejected entries
// out of the settled answer (`r.status === 'rejected'`, `r.reason`), its author knows the work can fail,
// and the I/O need not be in view: what it then does with them (only a log line or a count) decides.
// Read from the syntax tree, never from text: a comment that names rejections proves nothing. A helper of
// another module that ends its own failures (never rejects) is asked at the project pass (its
// ExportFact.endsFailures), as a local one is asked here (batchIds.ts neverRejects).
import { isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { BEST_EFFORT } from './catchFacts.js';
import type { LoggedCallRef } from './importedCallFacts.js';
import { importedRef } from './importedEndsErrors.js';

/** The identifier a chain of calls and member reads starts from: `settled` of `settled.filter(f).forEach(g)`. */
function chainRoot(node: Node | undefined): Node | undefined {
  let at = unwrap(node);
  for (;;) {
    if (at?.type === 'CallExpression') at = unwrap(at.callee);
    else if (at?.type === 'MemberExpression') at = unwrap(at.object);
    else return at;
  }
}

/**
 * `entry` is an entry of the settled answer `name`: `name[i]` (also kept in a local), the parameter of a callback handed to a
 * method of a chain on `name` (`name.filter((r) => ...)`, `name.filter(f).forEach((r) => ...)`), or the
 * variable of a `for (const r of name)` loop.
 */
function entryOf(ctx: ModuleContext, entry: Node | undefined, name: string): boolean {
  const e = unwrap(entry);
  if (e?.type === 'MemberExpression') return e.computed === true && chainRoot(e.object)?.name === name;
  if (e?.type !== 'Identifier') return false;
  const binding = ctx.resolve(e.name as string, e);
  const declared = binding?.declaration;
  if (declared === undefined) return false;
  // `const result = results[i]`: an entry kept in a local.
  const init = unwrap(binding?.init);
  if (init?.type === 'MemberExpression') return entryOf(ctx, init, name);
  const holder = ctx.parentOf(declared);
  if (isFunction(holder) && (holder?.params as Node[] | undefined)?.includes(declared)) {
    const call = ctx.parentOf(holder as Node);
    return call?.type === 'CallExpression' && chainRoot(call.callee)?.name === name;
  }
  // `for (const r of name)`: the declarator's declaration is the loop's left side.
  const loop = ctx.parentOf(ctx.parentOf(declared) as Node);
  return loop?.type === 'ForOfStatement' && chainRoot(loop.right as Node)?.name === name;
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

/**
 * After `from`, the function's code tests an entry of the settled answer `name` for rejection, or reads
 * an entry's `reason` (through a cast too: `(r as PromiseRejectedResult).reason`).
 *
 * @example
 * picksRejected(ctx, fn, decl.end, 'results') // true for: results.forEach((r) => { if (r.status === 'rejected') log(r) })
 */
export function picksRejected(ctx: ModuleContext, fn: Node, from: number, name: string): boolean {
  return someDescendant(fn.body as Node, (n) => {
    if (n.start < from) return false;
    const tested = rejectedTest(n);
    if (tested !== undefined) return entryOf(ctx, tested, name);
    return (
      n.type === 'MemberExpression' &&
      propertyName(n.property as Node, n.computed as boolean) === 'reason' &&
      entryOf(ctx, n.object as Node, name)
    );
  });
}

/**
 * `node` is built from the settled answer `name`: it names the answer or one of its entries, or a local
 * of the function made from them after the settle (`const failed = results.filter(...)`, one hop more:
 * `const reason = (results[i] as PromiseRejectedResult).reason`).
 */
function builtFrom(
  ctx: ModuleContext,
  node: Node | undefined,
  fn: Node,
  from: number,
  name: string,
  hops = 2,
): boolean {
  const n = unwrap(node);
  if (n === undefined) return false;
  const tied = (id: Node): boolean => {
    if (id.name === name || entryOf(ctx, id, name)) return true;
    const b = ctx.resolve(id.name as string, id);
    if (hops === 0 || b?.init === undefined || b.declaration.start < from) return false;
    if (ctx.enclosingFunction(b.declaration) !== fn) return false;
    return (
      builtFrom(ctx, b.init, fn, from, name, hops - 1) ||
      filledFrom(ctx, b.declaration, fn, from, name, hops - 1)
    );
  };
  return (n.type === 'Identifier' && tied(n)) || someDescendant(n, (d) => d.type === 'Identifier' && tied(d));
}

/**
 * The list a declarator makes is filled with values built from the answer: `outcomes.push(err(r.reason))`
 * after `const outcomes = []`, the list then standing for them.
 */
function filledFrom(
  ctx: ModuleContext,
  declared: Node,
  fn: Node,
  from: number,
  name: string,
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
      target.name === list.name &&
      ctx.resolve(list.name as string, target)?.declaration === declared &&
      (n.arguments as Node[]).some((a) => builtFrom(ctx, a, fn, from, name, hops))
    );
  });
}

/** A binding that outlives this run of the function's code after `from`: a parameter, or declared before or outside. */
function outlives(ctx: ModuleContext, target: Node | undefined, fn: Node, from: number): boolean {
  let root = unwrap(target);
  while (root?.type === 'MemberExpression') root = unwrap(root.object);
  if (root?.type === 'ThisExpression') return true;
  if (root?.type !== 'Identifier') return false;
  const b = ctx.resolve(root.name as string, root);
  if (b === undefined || b.kind === 'import') return false;
  const inside = fn.start <= b.declaration.start && b.declaration.end <= fn.end;
  return !inside || b.declaration.start < from || (b.kind === 'param' && ctx.parentOf(b.declaration) === fn);
}

/**
 * After `from`, the function hands on a value built from the settled answer `name`: returns it
 * (`return outcomes`, `return { failed }`), pushes it into a list that outlives the code (a caller's
 * `errors.push(reason)`), or stores it there (`errorDoc[i] = results.map(...)`). Its reader then decides
 * what a rejection means. Only values built from the answer count: any push or return is not enough.
 */
export function handsOn(ctx: ModuleContext, fn: Node, from: number, name: string): boolean {
  return someDescendant(
    fn.body as Node,
    (n) => {
      if (n.start < from) return false;
      // The function's own return: a callback's (`results.map((r) => ({ ...r }))`) answers only its caller.
      if (n.type === 'ReturnStatement')
        return ctx.enclosingFunction(n) === fn && builtFrom(ctx, n.argument as Node, fn, from, name);
      if (n.type === 'AssignmentExpression')
        return (
          unwrap(n.left)?.type === 'MemberExpression' &&
          outlives(ctx, n.left as Node, fn, from) &&
          builtFrom(ctx, n.right as Node, fn, from, name)
        );
      const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined;
      if (
        callee?.type !== 'MemberExpression' ||
        !/^(push|unshift)$/.test(propertyName(callee.property as Node) ?? '')
      )
        return false;
      return (
        outlives(ctx, callee.object as Node, fn, from) &&
        (n.arguments as Node[]).some((a) => builtFrom(ctx, a, fn, from, name))
      );
    },
    false,
  );
}

/**
 * The project imports the settled work calls (`Chat.addMember(...)`, `storeEvent(...)`), for the project
 * pass to drop the finding when each ends its own failures: the work can then not reject. `work` is the
 * settle's argument; a list filled elsewhere (`allSettled(jobs)`) is read where it was made.
 */
export function settledImports(ctx: ModuleContext, work: Node | undefined, fn: Node): LoggedCallRef[] {
  const w = unwrap(work);
  const region = w?.type === 'Identifier' ? (ctx.valueOf(w) ?? fn) : w;
  const refs: LoggedCallRef[] = [];
  someDescendant(region, (n) => {
    const ref = n.type === 'CallExpression' ? importedRef(ctx, n) : undefined;
    if (ref !== undefined) refs.push(ref);
    return false;
  });
  return refs;
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
