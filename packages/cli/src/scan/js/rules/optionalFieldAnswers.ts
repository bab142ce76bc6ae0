// swallowed-error: a lookup that answers null on any failure hides nothing when every caller reads that
// answer only to fill optional fields of what it builds (`company_name: company?.name || null`, a logo URL
// under `company?.logo ? ... : null`): the failure costs a display detail the payload already does without,
// which is the degradation the code was written for. A caller that tests the answer to decide work
// (`if (prefs?.email)`), hands it on whole, or keeps it past an object's field still takes it for "nothing".
import {
  answerWrapper,
  isFunction,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import { isExported } from '../isExported.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Expression nodes a field's value is built through, on the way from the read up to the field. */
const VALUE_PARTS = new Set([
  'MemberExpression',
  'ChainExpression',
  'LogicalExpression',
  'ConditionalExpression',
  'TemplateLiteral',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'UnaryExpression',
  'BinaryExpression',
]);

/**
 * The calls of `fn` in this module: by name for a module function, through `this.name(...)` inside the
 * same class for a method. Undefined when `fn` leaves the module, so callers elsewhere are out of sight.
 */
function callsOf(ctx: ModuleContext, fn: Node): Node[] | undefined {
  const holder = ctx.parentOf(fn);
  if (holder?.type === 'MethodDefinition') {
    const name = propertyName(holder.key as Node, holder.computed as boolean);
    const body = ctx.parentOf(holder);
    if (name === undefined || body === undefined) return undefined;
    return ctx.of('CallExpression').filter((call) => {
      const callee = unwrap(call.callee);
      return (
        call.start > body.start &&
        call.end < body.end &&
        callee?.type === 'MemberExpression' &&
        unwrap(callee.object)?.type === 'ThisExpression' &&
        propertyName(callee.property, callee.computed as boolean) === name
      );
    });
  }
  if (isExported(ctx, fn)) return undefined;
  return ctx.of('CallExpression').filter((call) => {
    const callee = unwrap(call.callee);
    return (
      callee?.type === 'Identifier' && ctx.functionOf(callee) === fn && ctx.enclosingFunction(call) !== fn
    );
  });
}

/**
 * The variable a call's answer is kept in: `const x = await f()`, `const x = c ? await f() : null`, or a
 * position of `const [a, x] = await Promise.all([g(), f()])`. Undefined for any other use.
 */
function keptIn(ctx: ModuleContext, call: Node): { name: string; declarator: Node } | undefined {
  const through = (p: Node): boolean => answerWrapper(p) || p.type === 'ConditionalExpression';
  let { node, parent } = ctx.climb(call, through);
  let position: number | undefined;
  if (parent?.type === 'ArrayExpression') {
    const all = ctx.parentOf(parent);
    if (all?.type !== 'CallExpression' || memberPath(all.callee as Node)?.join('.') !== 'Promise.all')
      return undefined;
    position = (parent.elements as Node[]).indexOf(node);
    ({ node, parent } = ctx.climb(all, answerWrapper));
  }
  if (parent?.type !== 'VariableDeclarator' || parent.init !== node) return undefined;
  let id = parent.id as Node;
  if (position !== undefined)
    id = id.type === 'ArrayPattern' ? ((id.elements as (Node | null)[])[position] ?? id) : id;
  return id.type === 'Identifier' ? { name: id.name as string, declarator: parent } : undefined;
}

/** A test that reads `name` with `?.` or tests it whole (`x?.logo ? ... : null`, `x && x.name`). */
function guards(test: Node | undefined, name: string): boolean {
  const t = unwrap(test);
  if (t?.type === 'Identifier') return t.name === name;
  if (t?.type === 'UnaryExpression') return guards(t.argument as Node, name);
  const path = t?.type === 'MemberExpression' ? memberPath(t) : undefined;
  return (
    path?.[0] === name && someDescendant(test, (n) => n.type === 'MemberExpression' && n.optional === true)
  );
}

/**
 * A fallback that leaves the field empty or at a fixed wording (`|| null`, `?? ''`, `|| 'Support'`,
 * `|| process.env.SUPPORT_EMAIL`), not a stand-in value taken from elsewhere (`?? facility.max`, `|| 0`):
 * a count or a capacity put in the failed answer's place is wrong data, not a missing detail.
 */
function absent(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n === undefined) return false;
  if (n.type === 'Literal') return n.value === null || typeof n.value === 'string';
  if (n.type === 'Identifier') return n.name === 'undefined';
  if (n.type === 'TemplateLiteral') return (n.expressions as Node[]).length === 0;
  if (n.type === 'LogicalExpression') return absent(n.left as Node) && absent(n.right as Node);
  return memberPath(n)?.slice(0, 2).join('.') === 'process.env';
}

/**
 * One mention of the kept answer: a property read, optional (`x?.name`) or under a test that guards it,
 * whose value goes, through fallbacks that leave it empty, choices and string building only, into a field
 * of an object literal.
 */
function fillsField(ctx: ModuleContext, mention: Node, name: string): boolean {
  const read = ctx.parentOf(mention);
  if (read?.type !== 'MemberExpression' || read.object !== mention) return false;
  let guarded = read.optional === true;
  let node: Node = read;
  for (let parent = ctx.parentOf(node); parent !== undefined; node = parent, parent = ctx.parentOf(node)) {
    if (parent.type === 'Property') return guarded && parent.value === node;
    if (parent.type === 'ConditionalExpression') {
      // The field is absent when the answer is: the other side of the choice must say "nothing".
      if (parent.alternate === node || !absent(parent.alternate as Node)) return false;
      if (parent.consequent === node) guarded ||= guards(parent.test, name);
    }
    if (parent.type === 'LogicalExpression') {
      if (parent.right === node && parent.operator === '&&') guarded ||= guards(parent.left as Node, name);
      else if (parent.left === node && parent.operator !== '&&' && !absent(parent.right as Node))
        return false;
    }
    // A helper that formats the field (`formatAddress(brand?.address)`) gives back the field's value.
    const argument = parent.type === 'CallExpression' && (parent.arguments as Node[]).includes(node);
    if (!VALUE_PARTS.has(parent.type) && !argument) return false;
  }
  return false;
}

/** An identifier that names a field (`{ driver: ... }`, `event.driver`) rather than reading a variable. */
function isName(ctx: ModuleContext, n: Node): boolean {
  const parent = ctx.parentOf(n);
  if (parent?.type === 'Property')
    return parent.key === n && parent.computed !== true && parent.shorthand !== true;
  return parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true;
}

/**
 * The catch's function answers null or undefined on failure, and every call of it in this module keeps the
 * answer in a variable that is only read into optional fields (see above); at least one such call exists.
 */
export function onlyFillsOptionalFields(ctx: ModuleContext, at: Node): boolean {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined) return false;
  const calls = callsOf(ctx, fn);
  if (calls === undefined || calls.length === 0) return false;
  return calls.every((call) => {
    const kept = keptIn(ctx, call);
    const scope = ctx.enclosingFunction(call);
    if (kept === undefined || scope === undefined || !isFunction(scope)) return false;
    const mentions: Node[] = [];
    someDescendant(scope.body as Node, (n) => {
      if (n.type === 'Identifier' && n.name === kept.name && n.start > kept.declarator.end && !isName(ctx, n))
        mentions.push(n);
      return false;
    });
    return mentions.length > 0 && mentions.every((m) => fillsField(ctx, m, kept.name));
  });
}
