// swallowed-error: `.catch((err) => new Error('failed to run session', { cause: err }))`. The handler
// builds an error and answers it instead of throwing it, so the promise resolves with the object and the
// rejection is gone. That is only a loss when nothing reads the answer: the chain is a statement, awaited
// as one, or (directly or through a `const`) one of the promises of a `Promise.all` / `allSettled` whose
// own answer is dropped. When the answer is kept, returned or tested (`if (r instanceof Error) throw r`),
// the failure is handed on and is its reader's matter.
import { calleeName, forEachDescendant, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { offServicePath } from '../offServicePath.js';
import { isObservation } from './catchFacts.js';
import { builtError } from './unthrownError.js';

/**
 * The `.catch` handler answers a built error object: its expression body is `new XError(...)`, or its
 * block only logs and then returns one.
 *
 * @example
 * answersBuiltError(parse("(err) => new Error(`failed: ${err}`)")) // -> true
 * answersBuiltError(parse("(err) => { throw new Error('failed', { cause: err }); }")) // -> false
 */
export function answersBuiltError(fn: Node): boolean {
  if (!isFunction(fn)) return false;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return builtError(body) !== undefined;
  const statements = body.body as Node[];
  const last = statements.at(-1);
  return (
    last?.type === 'ReturnStatement' &&
    builtError(last.argument as Node | null) !== undefined &&
    statements.slice(0, -1).every((s) => isObservation(s))
  );
}

/** Parens, casts and `await` hand the same value on; what stands above them decides what is done with it. */
const passesValue = (p: Node) =>
  p.type === 'ParenthesizedExpression' ||
  p.type === 'TSAsExpression' ||
  p.type === 'TSNonNullExpression' ||
  p.type === 'AwaitExpression';

/**
 * Nothing reads what the `.catch(...)` chain resolves to: the chain (or a promise over it) ends as a
 * statement, directly, through a `Promise.all([...])` whose answer is dropped, or through a `const` used
 * only there.
 */
export function answerDropped(ctx: ModuleContext, chain: Node): boolean {
  const { node, parent } = ctx.climb(chain, passesValue);
  if (parent?.type === 'ExpressionStatement') return true;
  // `void p.catch(...)` discards the answer wherever it stands.
  if (parent?.type === 'UnaryExpression' && parent.operator === 'void') return true;
  if (parent?.type === 'ArrayExpression') return allDropped(ctx, parent);
  // `Promise.all(items.map((i) => f(i).catch(...)))`: the arrow's answer is one of the list's promises.
  if (parent !== undefined && isFunction(parent) && parent.body === node) return mappedDropped(ctx, parent);
  if (parent?.type !== 'VariableDeclarator' || parent.init !== node) return false;
  const id = unwrap(parent.id as Node);
  if (id?.type !== 'Identifier') return false;
  // An exported binding is read by its importers (`const r = await ready; if (r instanceof Error) throw r`),
  // which this module cannot see: not judged here.
  if (
    ctx.exports.has(id.name as string) ||
    ctx.parentOf(ctx.parentOf(parent) as Node)?.type === 'ExportNamedDeclaration'
  )
    return false;
  const scope = ctx.enclosingFunction(parent) ?? ctx.program;
  const uses: Node[] = [];
  forEachDescendant(scope, (n) => {
    if (n.type === 'Identifier' && n !== id && n.name === id.name) uses.push(n);
    return true;
  });
  // Every use must be one the answer goes nowhere from; an unused `const` drops it too.
  return uses.every((use) => {
    if (ctx.resolve(id.name as string, use)?.declaration !== parent) return false;
    const up = ctx.climb(use, passesValue).parent;
    return up?.type === 'ExpressionStatement' || (up?.type === 'ArrayExpression' && allDropped(ctx, up));
  });
}

/** The arrow is the callback of `items.map(...)`, and that mapped list goes to a dropped `Promise.all`. */
function mappedDropped(ctx: ModuleContext, arrow: Node): boolean {
  const map = ctx.parentOf(arrow);
  if (map?.type !== 'CallExpression' || calleeName(map) !== 'map') return false;
  return (map.arguments as Node[])[0] === arrow && allDropped(ctx, map);
}

/**
 * `[a, b]` (or `items.map(...)`) is the list of a `Promise.all` / `allSettled` whose own answer ends as a
 * statement.
 */
function allDropped(ctx: ModuleContext, list: Node): boolean {
  const call = ctx.parentOf(list);
  if (call?.type !== 'CallExpression' || (call.arguments as Node[])[0] !== list) return false;
  const path = memberPath(call.callee as Node)?.join('.');
  if (path !== 'Promise.all' && path !== 'Promise.allSettled') return false;
  return ctx.climb(call, passesValue).parent?.type === 'ExpressionStatement';
}

/**
 * Is this call a `.catch(handler)` whose handler answers a built error that nothing reads? Not off the
 * service's path (a seeder, a load test): droppedCatchAnswer.ts spares a dropped failure object there, and
 * a dropped error object is the same loss.
 */
export function droppedBuiltErrorCatch(ctx: ModuleContext, call: Node, fn: Node | undefined): boolean {
  return (
    calleeName(call) === 'catch' &&
    fn !== undefined &&
    answersBuiltError(fn) &&
    answerDropped(ctx, call) &&
    !offServicePath(ctx)
  );
}
