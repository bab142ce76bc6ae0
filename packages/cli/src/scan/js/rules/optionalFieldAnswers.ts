// swallowed-error: a lookup that answers null on any failure hides nothing when every caller reads that
// answer only to fill optional fields of the payload it answers with (`company_name: company?.name ?? null`,
// a logo URL under `company?.logo ? ... : null`): the failure costs a display detail the payload already does
// without, which is the degradation the code was written for. A caller that tests the answer to decide work
// (`if (prefs?.email)`, `x?.revoked ? null : 'granted'`), computes with it, hands it on whole, puts a stand-in
// in its place, or writes the field to a table or a query still takes it for "nothing".
import {
  answerWrapper,
  isFunction,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import { isKeyName } from '../keyNames.js';
import { onlyLocalCalls } from '../localCalls.js';
import type { ModuleContext } from '../ModuleContext.js';
import { takenAs } from '../resultUse.js';
import { printedReference } from './batchResultUse.js';

/** Wrappers a value passes through unchanged on its way up to the field. */
const SAME_VALUE = new Set([
  'ChainExpression',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
]);

/** Keys of an object that is written or queried with, not answered: its fields are data, not display. */
const IO_KEYS = /^(Item|Key|ExpressionAttributeValues|Update|where|filter|Filter|data|create|update|params)$/;

/**
 * The variable a call's answer is kept in, and where that statement ends: `const x = await f()`,
 * `x = c ? await f() : null`, or a position of `const [a, x] = await Promise.all([g(), f()])` (resultUse.ts).
 */
function keptIn(ctx: ModuleContext, call: Node): { name: string; end: number } | undefined {
  let node = call;
  for (let p = ctx.parentOf(node); p !== undefined; node = p, p = ctx.parentOf(node))
    if (!answerWrapper(p) && !(p.type === 'ConditionalExpression' && p.test !== node)) break;
  const kept = takenAs(ctx, node);
  return typeof kept === 'object' ? kept : undefined;
}

/** A test that is the answer itself or an optional read of it (`x ? ...`, `x?.logo ? ... : null`). */
function guards(test: Node | undefined, name: string): boolean {
  const t = unwrap(test);
  if (t?.type === 'Identifier') return t.name === name;
  const path = t?.type === 'MemberExpression' ? memberPath(t) : undefined;
  return (
    path?.[0] === name && someDescendant(test, (n) => n.type === 'MemberExpression' && n.optional === true)
  );
}

/** The branch reads a property of the answer (`team.name` under `team ? ... : null`). */
function reads(branch: Node | undefined, name: string): boolean {
  const read = (n: Node) => n.type === 'MemberExpression' && unwrap(n.object as Node)?.name === name;
  const b = unwrap(branch);
  return b !== undefined && (read(b) || someDescendant(b, read));
}

/** A fallback that leaves the field empty: `null`, `undefined`, `''`; not a stand-in (`|| 'free'`, `?? 0`). */
function absent(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type === 'Literal') return n.value === null || n.value === '';
  if (n?.type === 'Identifier') return n.name === 'undefined';
  if (n?.type === 'TemplateLiteral')
    return (
      (n.expressions as Node[]).length === 0 && (n.quasis as Node[]).every((q) => q.value?.cooked === '')
    );
  return n?.type === 'LogicalExpression' && absent(n.left as Node) && absent(n.right as Node);
}

/**
 * The object holding the field is answered, not written or queried: through nested objects and arrays, it
 * is the function's answer (`return { ... }`, an arrow's body), a `JSON.stringify` body, or a constant only
 * answered that way; no key on the way is a command's `Item`/`Key` or a query's `where`.
 */
function answered(ctx: ModuleContext, field: Node): boolean {
  let node: Node = ctx.parentOf(field) as Node;
  for (let parent = ctx.parentOf(node); parent !== undefined; node = parent, parent = ctx.parentOf(node)) {
    if (parent.type === 'Property') {
      if (parent.value !== node || IO_KEYS.test(propertyName(parent.key as Node, false) ?? '')) return false;
    } else if (parent.type !== 'ObjectExpression' && parent.type !== 'ArrayExpression') break;
  }
  const top = ctx.parentOf(node);
  if (top === undefined) return false;
  if (top.type === 'ReturnStatement' || (isFunction(top) && top.body === node)) return true;
  if (top.type === 'CallExpression' && memberPath(top.callee as Node)?.join('.') === 'JSON.stringify')
    return true;
  // `event.context = { ...event.context, company_name: company?.name || null }`: the answer handed back in
  // the argument the caller gave (a resolver enriching the event it was handed).
  if (top.type === 'AssignmentExpression' && top.right === node)
    return intoParameter(ctx, top.left as Node, top);
  if (top.type !== 'VariableDeclarator' || (top.id as Node).type !== 'Identifier') return false;
  const name = (top.id as Node).name as string;
  const scope = ctx.enclosingFunction(top);
  const uses: Node[] = [];
  someDescendant(scope?.body as Node | undefined, (n) => {
    if (n.type === 'Identifier' && n.name === name && n.start > top.end && !isKeyName(ctx, n)) uses.push(n);
    return false;
  });
  return uses.length > 0 && uses.every((u) => stringified(ctx, u));
}

/** `JSON.stringify(card)` or `return card`. */
function stringified(ctx: ModuleContext, use: Node): boolean {
  const p = ctx.parentOf(use);
  if (p?.type === 'ReturnStatement') return true;
  return p?.type === 'CallExpression' && memberPath(p.callee as Node)?.join('.') === 'JSON.stringify';
}

/**
 * One mention of the kept answer: an optional read, or a read or test under a guard (`x?.logo ? ... : null`,
 * `x && x.name`), whose value goes, through fallbacks that leave it empty and choices whose other side is
 * empty, into a field of an answered object. A string built from it (a template, a formatting call) counts
 * only under such a guard; `!`, arithmetic, comparisons and the test of a choice that is not a guard do not.
 */
function fillsField(ctx: ModuleContext, mention: Node, name: string): boolean {
  let guarded = false;
  let needsGuard = false;
  let node: Node = mention;
  for (let parent = ctx.parentOf(node); parent !== undefined; node = parent, parent = ctx.parentOf(node)) {
    if (parent.type === 'Property')
      return parent.value === node && guarded && !needsGuard && answered(ctx, parent);
    if (parent.type === 'MemberExpression') {
      if (parent.object !== node) return false;
      if (node === mention) guarded = parent.optional === true;
    } else if (parent.type === 'ConditionalExpression') {
      if (parent.alternate === node || !absent(parent.alternate as Node)) return false;
      const guard = guards(parent.test as Node, name);
      if (parent.test === node && !(guard && reads(parent.consequent as Node, name))) return false;
      if (guard) [guarded, needsGuard] = [true, false];
    } else if (parent.type === 'LogicalExpression') {
      if (parent.operator === '&&') {
        const guard = guards(parent.left as Node, name);
        if (parent.left === node && !(guard && reads(parent.right as Node, name))) return false;
        if (guard) [guarded, needsGuard] = [true, false];
      } else if (parent.left === node && !absent(parent.right as Node)) return false;
    } else if (parent.type === 'TemplateLiteral' || parent.type === 'CallExpression') {
      if (parent.type === 'CallExpression' && !(parent.arguments as Node[]).includes(node)) return false;
      needsGuard = true;
    } else if (!SAME_VALUE.has(parent.type)) return false;
  }
  return false;
}

/**
 * `event.context` of a parameter `event` of the enclosing function, which after the assignment is only
 * returned, `JSON.stringify`'d or logged: a parameter the function then sends, stores (`Item: order`) or
 * hands to any other call is written, and a field missing there is lost data, not a display detail.
 */
function intoParameter(ctx: ModuleContext, target: Node, assignment: Node): boolean {
  const root = target.type === 'MemberExpression' ? memberPath(target)?.[0] : undefined;
  if (root === undefined) return false;
  const param = ctx.resolve(root, target);
  const scope = ctx.enclosingFunction(assignment);
  if (param?.kind !== 'param' || scope === undefined) return false;
  const later: Node[] = [];
  someDescendant(scope.body as Node, (n) => {
    if (n.type === 'Identifier' && n.name === root && n.start > assignment.end && !isKeyName(ctx, n))
      later.push(n);
    return false;
  });
  return later.every((use) => {
    if (ctx.resolve(root, use) !== param) return true;
    if (printedReference(ctx, scope, use)) return true;
    // `return event`, `return event.context`: a read of the object handed back, not a new destination.
    let top = use;
    for (let p = ctx.parentOf(top); p?.type === 'MemberExpression' && p.object === top; p = ctx.parentOf(p))
      top = p;
    return stringified(ctx, top);
  });
}

/**
 * The catch's function answers null or undefined on failure, every use of it is a call in this module
 * (localCalls.ts), and each call keeps the answer in a variable only read into optional fields of an
 * answered object (see above); at least one such call exists.
 */
export function onlyFillsOptionalFields(ctx: ModuleContext, at: Node): boolean {
  const fn = ctx.enclosingFunction(at);
  const calls = fn === undefined ? undefined : onlyLocalCalls(ctx, fn);
  if (calls === undefined || calls.length === 0) return false;
  return calls.every((call) => {
    const kept = keptIn(ctx, call);
    const scope = ctx.enclosingFunction(call);
    if (kept === undefined || scope === undefined || !isFunction(scope)) return false;
    const mentions: Node[] = [];
    someDescendant(scope.body as Node, (n) => {
      if (n.type === 'Identifier' && n.name === kept.name && n.start > kept.end && !isKeyName(ctx, n))
        mentions.push(n);
      return false;
    });
    // A log line that prints the answer (`logger.info('enriched', { company: company?.name })`) uses none of it.
    return (
      mentions.length > 0 &&
      mentions.every((m) => printedReference(ctx, scope, m) || fillsField(ctx, m, kept.name)) &&
      mentions.some((m) => !printedReference(ctx, scope, m))
    );
  });
}
