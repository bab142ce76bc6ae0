// Code behind a switch fixed off in the module's own text: `const USE_CACHE = false; ... if (USE_CACHE) { ... }`.
// A `const` initialised to a falsy literal (false, 0, '', null, undefined) never changes, so the branch it
// guards is never taken and a missing timeout or a swallowed failure there harms nothing: a reviewer deletes
// the branch (or flips the switch and then hardens it). So is code after an early exit the switch always
// takes (`if (!USE_CACHE) return;`), and a module-local function called only from such code. A `let`, a
// class field or an environment read can change and is not read so; a binding that shadows the switch
// (a parameter of the same name) is another variable (ModuleContext.resolve). A literal test (`if (true) {...}
// else {...}`, `if (false)`) is read the same way: a path kept behind one is as dead as behind a named switch.

import { afterExit, leaves } from './afterExit.js';
import type { Node } from './ast.js';
import { unwrap, WRAPPERS } from './ast.js';
import { onlyLocalCalls } from './localCalls.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * Is `test`, read at its place, always falsy (`true` returned) or always truthy (`false`), by a `const`
 * fixed to a falsy literal or by a literal itself, negated any number of times? Undefined when it may be either.
 */
function fixedFalsy(ctx: ModuleContext, test: Node | undefined, negated = false): boolean | undefined {
  const n = unwrap(test);
  if (n === undefined) return undefined;
  if (n.type === 'UnaryExpression' && n.operator === '!')
    return fixedFalsy(ctx, n.argument as Node, !negated);
  if (plainLiteral(n)) return !n.value !== negated;
  if (n.type === 'LogicalExpression') {
    const falsy = joinedFalsy(ctx, n);
    return falsy === undefined ? undefined : falsy !== negated;
  }
  if (n.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(n.name as string, n);
  if (binding?.kind !== 'const') return undefined;
  if (!falsyLiteral(ctx, binding.init)) return undefined;
  return !negated;
}

/**
 * `false && offer.ok` is as fixed as `false`: `&&` is falsy when either side is fixed falsy, truthy when both
 * are fixed truthy; `||` the other way about. `??` is left alone (a fixed `null` side says nothing of the other).
 */
function joinedFalsy(ctx: ModuleContext, n: Node): boolean | undefined {
  if (n.operator !== '&&' && n.operator !== '||') return undefined;
  const left = fixedFalsy(ctx, n.left as Node);
  const right = fixedFalsy(ctx, n.right as Node);
  // The value `&&` is decided by a falsy side, `||` by a truthy one.
  const decides = n.operator === '&&';
  if (left === decides || right === decides) return decides;
  if (left === !decides && right === !decides) return !decides;
  return undefined;
}

/** Is `init` a falsy literal (false, 0, '', null, or `undefined` not shadowed), `as const` and the like aside? */
function falsyLiteral(ctx: ModuleContext, node: Node | undefined): boolean {
  const init = unwrap(node);
  return (
    (init?.type === 'Literal' && !init.value && !('regex' in init)) ||
    (init?.type === 'Identifier' && init.name === 'undefined' && ctx.resolve('undefined', init) === undefined)
  );
}

/** A literal written as the value itself (`true`, `0`, `'x'`, `null`), not a regular expression or a bigint. */
function plainLiteral(n: Node): boolean {
  return n.type === 'Literal' && !('regex' in n) && !('bigint' in n && n.bigint != null);
}

/**
 * Is `node` in a branch a switch fixed off never takes, or after an early exit it always takes
 * (`if (!USE_CACHE) return;`) in the same block?
 *
 * @example
 * switchedOff(ctx, sendCall) // true for `const doTrace = false; ... if (doTrace) { await xray.send(c) }`
 */
export function switchedOff(ctx: ModuleContext, node: Node): boolean {
  // After an unconditional `return` or `throw` (afterExit.ts): dead whatever the module's switches.
  if (afterExit(ctx, node)) return true;
  let child = node;
  for (let parent = ctx.parentOf(node); parent !== undefined; parent = ctx.parentOf(parent)) {
    if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
      const falsy = fixedFalsy(ctx, parent.test as Node);
      if (parent.consequent === child && falsy === true) return true;
      if (parent.alternate === child && falsy === false) return true;
    } else if (parent.type === 'LogicalExpression' && parent.right === child) {
      const falsy = fixedFalsy(ctx, parent.left as Node);
      if ((parent.operator === '&&' && falsy === true) || (parent.operator === '||' && falsy === false))
        return true;
    } else if (parent.type === 'BlockStatement') {
      const body = parent.body as Node[];
      // A function declaration after the exit is hoisted: it runs whenever it is called, the exit's own call too.
      if (child.type === 'FunctionDeclaration') {
        child = parent;
        continue;
      }
      for (const s of body.slice(0, body.indexOf(child)))
        if (s.type === 'IfStatement' && s.alternate == null && leaves(s.consequent as Node))
          if (fixedFalsy(ctx, s.test as Node) === false) return true;
    }
    child = parent;
  }
  return false;
}

/** Does the module declare a `const` fixed to a falsy literal? Read once per module. */
const HAS_SWITCH = new WeakMap<ModuleContext, boolean>();

/**
 * The same test fixedFalsy makes of a binding, asked of every `const` binding of the module; or a literal
 * written as the test of an `if`, a `? :` or the left of `&&`/`||` (through any `!`).
 */
function hasSwitch(ctx: ModuleContext): boolean {
  let has = HAS_SWITCH.get(ctx);
  if (has === undefined) {
    has = ctx.someBinding((b) => b.kind === 'const' && falsyLiteral(ctx, b.init)) || someLiteralTest(ctx);
    HAS_SWITCH.set(ctx, has);
  }
  return has;
}

/** Is some plain literal of the module a test (literalTest)? Each literal's parent comes from the walk's listing. */
function someLiteralTest(ctx: ModuleContext): boolean {
  const literals = ctx.of('Literal');
  const parents = ctx.literalParents();
  for (let i = 0; i < literals.length; i++) {
    const literal = literals[i] as Node;
    if (plainLiteral(literal) && literalTest(ctx, literal, parents[i])) return true;
  }
  return false;
}

/**
 * Is the literal (under any `!`, wrapper, `&&` or `||`) the test of an `if`, a `? :`, or the left of `&&` / `||`?
 * `parent`: the literal's, as ctx.parentOf answers it.
 */
function literalTest(ctx: ModuleContext, literal: Node, parent0: Node | undefined): boolean {
  let child = literal;
  let parent = parent0;
  // Through what fixedFalsy reads through: `!`, the wrappers unwrap drops (`false as boolean`), and
  // `&&`/`||` (`if (a.ok && false)`), so that the gate and the reader agree.
  while (
    parent !== undefined &&
    ((parent.type === 'UnaryExpression' && parent.operator === '!') ||
      WRAPPERS.has(parent.type) ||
      (parent.type === 'LogicalExpression' && parent.operator !== '??'))
  ) {
    // The left of `&&`/`||` is a test of its own (`false && send()`).
    if (parent.type === 'LogicalExpression' && parent.left === child) return true;
    child = parent;
    parent = ctx.parentOf(parent);
  }
  return (
    (parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') && parent.test === child
  );
}

/**
 * Does `node` sit where a switch fixed off keeps it from running (see above): in a branch the
 * switch never takes, or in a function (not exported, handed on nowhere) whose every call is in such a branch?
 *
 * @example
 * fixedOff(ctx, catchClause) // true inside `if (USE_CACHE) { ... }` with `const USE_CACHE = false`
 */
export function fixedOff(ctx: ModuleContext, node: Node): boolean {
  if (afterExit(ctx, node)) return true;
  if (!hasSwitch(ctx)) return false;
  if (switchedOff(ctx, node)) return true;
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn)) {
    // A helper a handler calls is on the handler's path (ctx.handlers) only through those calls: asked here,
    // when they are every use it has (not exported, in a namespace or not, nor handed on).
    const calls = onlyLocalCalls(ctx, fn);
    if (calls?.length && calls.every((c) => switchedOff(ctx, c))) return true;
  }
  return false;
}
