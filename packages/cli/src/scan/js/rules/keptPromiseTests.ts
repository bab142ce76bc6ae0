// floating-promise: a request's promise kept in a local and then read as if it were the answer: tested
// (`const upload = db.upload.findUnique(q); if (!upload) throw ...`, `if (item === null)`) or its fields
// read (`upload.id`), and used no other way. A promise is always truthy and has no such fields, so the
// check never fires; a Prisma query is lazy and never even runs, and an SDK request floats unawaited.
// Only calls that certainly answer a promise count (an SDK send, v2's `.promise()`, a Prisma query), and a
// local used any other way (awaited, returned, handed on) is left alone: it may be settled there.
import { forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { prismaCall } from './prismaLazy.js';
import { consumer, PROMISE_MEMBERS } from './promiseFieldRead.js';

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** A logical expression (through others) is the test of an `if` or `? :`. */
function inTest(ctx: ModuleContext, logical: Node): boolean {
  let n = logical;
  let p = ctx.parentOf(n);
  while (p?.type === 'LogicalExpression' || p?.type === 'ParenthesizedExpression') {
    n = p;
    p = ctx.parentOf(p);
  }
  return (p?.type === 'IfStatement' || p?.type === 'ConditionalExpression') && p.test === n;
}

/** How one reference of the local is used: read as the answer, or anything else. */
function readAsAnswer(ctx: ModuleContext, ref: Node): boolean {
  const parent = consumer(ctx, ref);
  if (parent === undefined) return false;
  const is = (slot: unknown) => unwrap(slot as Node | undefined) === ref;
  if (parent.type === 'UnaryExpression') return parent.operator === '!';
  if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') return is(parent.test);
  // Spread into an object as if it held the answer's fields (`{ ...cached, entries }`): a promise has none.
  if (parent.type === 'SpreadElement') return ctx.parentOf(parent)?.type === 'ObjectExpression';
  // One operand of a condition (`if (cached && !range)`): tested for truth like a bare `if (cached)`.
  if (parent.type === 'LogicalExpression') return inTest(ctx, parent);
  if (parent.type === 'MemberExpression' && is(parent.object))
    return !PROMISE_MEMBERS.has(propertyName(parent.property as Node, parent.computed as boolean) ?? 'then');
  if (parent.type === 'BinaryExpression' && EQUALITY.has(parent.operator as string)) {
    const other = unwrap(is(parent.left) ? parent.right : parent.left);
    return (
      (other?.type === 'Literal' && other.value === null) ||
      (other?.type === 'Identifier' && other.name === 'undefined')
    );
  }
  return false;
}

/** `n` is a reference of the local `declarator` declares (not a key, nor a name shadowing it). */
function refersTo(ctx: ModuleContext, n: Node, declarator: Node): boolean {
  return (
    n.type === 'Identifier' &&
    !isKeyName(ctx, n) &&
    ctx.resolve(n.name as string, n)?.declaration === declarator
  );
}

/**
 * `return x` inside the branch an `if` testing `x` takes (`if (cached) { return cached; }`): the test is
 * what is wrong, it is always true, so the return hands back the promise the test mistook for a hit. The
 * test must read the local itself (a resolved reference: not `flags.cached`, a string, or a shadowing
 * parameter).
 */
function returnedUnderTest(ctx: ModuleContext, ref: Node, declarator: Node, scope: Node): boolean {
  const ret = consumer(ctx, ref);
  if (ret?.type !== 'ReturnStatement' || unwrap(ret.argument as Node) !== ref) return false;
  for (let n: Node = ret, p = ctx.parentOf(ret); p !== undefined && n !== scope; n = p, p = ctx.parentOf(p)) {
    if (p.type !== 'IfStatement' || p.consequent !== n) continue;
    const test = p.test as Node;
    let tested = refersTo(ctx, test, declarator);
    forEachDescendant(test, (t) => {
      if (!tested && refersTo(ctx, t, declarator)) tested = true;
      return !tested;
    });
    if (tested) return true;
  }
  return false;
}

/** A call kept and only read as the answer; `returned` when the local is also returned under its test. */
export interface KeptCall {
  readonly call: Node;
  readonly returned: boolean;
}

/**
 * Calls answering a certain promise whose local (`const x = call`) is only read as the answer.
 *
 * @example
 * keptPromiseTests(ctx, isSdk) // const upload = db.upload.findUnique({ where }); if (!upload) ... -> [{ call, returned: false }]
 */
export function keptPromiseTests(ctx: ModuleContext, certain: (call: Node) => boolean): KeptCall[] {
  const out: KeptCall[] = [];
  for (const call of ctx.of('CallExpression')) {
    const declarator = ctx.parentOf(call);
    if (declarator?.type !== 'VariableDeclarator' || declarator.init !== call) continue;
    const id = declarator.id as Node;
    if (id.type !== 'Identifier' || !(prismaCall(call) || certain(call))) continue;
    const binding = ctx.resolve(id.name as string, id);
    if (binding?.declaration !== declarator) continue;
    let reads = 0;
    let other = false;
    let returned = false;
    forEachDescendant(binding.scope, (n) => {
      if (n.type !== 'Identifier' || n.name !== id.name || n === id) return !other;
      if (ctx.resolve(id.name as string, n)?.declaration !== declarator) return true;
      // A property key (`{ upload: 1 }`, `a.upload`) names no reference.
      if (isKeyName(ctx, n)) return true;
      if (readAsAnswer(ctx, n)) reads++;
      else if (returnedUnderTest(ctx, n, declarator, binding.scope)) returned = true;
      else other = true;
      return !other;
    });
    if (reads > 0 && !other) out.push({ call, returned });
  }
  return out;
}
