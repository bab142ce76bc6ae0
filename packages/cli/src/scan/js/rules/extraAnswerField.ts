// An optional flag or count of an answer, read with a fallback: `let hasPlayed = false; try { hasPlayed =
// !!(await db.play.findFirst(...)) } catch (e) { log(e) }` and then `return respond(200, { user: { id,
// email, alias, hasPlayed }, token })`. The answer's data comes from the reads and writes that succeeded;
// the failed read only leaves one scalar extra of it (a flag for the UI, a total for a pager) at the value
// the function chose before the try. fallbackValueRead.ts asks this when the value does not end in a log
// line. It holds only for a flag or count (the try sets it from `!x`, a comparison, `Boolean(x)`, or a
// `.length`/`.Count`/`.count`), placed as one field among at least three others of an object the function
// answers, and nowhere else: a value tested, written, handed to a call that is not the answer, or making
// up most of the answer is a stand-in for data.
import { isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { everyLaterReference } from './batchResultUse.js';
import { doesIo } from './catchFacts.js';

/** Other fields the object must hold beside the extra, so the extra is not the answer's substance. */
const MIN_OTHER_FIELDS = 3;
const COUNT_FIELD = /^(length|Count|count)$/;

/**
 * Every assignment of `name` in `block` gives it a flag or a count: `!!row`, `a > b`, `Boolean(x)`,
 * `out.Count`, `rows.length`.
 *
 * @example
 * setsScalar(tryBlock, 'hasPlayed') // try { hasPlayed = !!(await find()) } -> true
 */
export function setsScalar(block: Node, name: string): boolean {
  let any = false;
  const other = someDescendant(
    block,
    (n) => {
      if (n.type !== 'AssignmentExpression' || unwrap(n.left)?.name !== name) return false;
      any = true;
      return n.operator !== '=' || !scalar(unwrap(n.right as Node));
    },
    true,
  );
  return any && !other;
}

function scalar(v: Node | undefined): boolean {
  if (v === undefined) return false;
  if (v.type === 'UnaryExpression') return v.operator === '!';
  if (v.type === 'BinaryExpression') return /^(===|!==|==|!=|<|>|<=|>=)$/.test(v.operator as string);
  if (v.type === 'CallExpression') return memberPath(v.callee)?.join('.') === 'Boolean';
  if (v.type === 'MemberExpression' && v.computed !== true) return COUNT_FIELD.test(v.property?.name ?? '');
  return false;
}

/**
 * Every reference to `name` in `scope` from `after` on, outside `skip` (the try) and in closures too, is
 * one field value of an object literal with at least three other fields that the function answers (see
 * answered), and there is exactly one such reference.
 */
export function onlyAnswerExtra(
  ctx: ModuleContext,
  scope: Node,
  name: string,
  after: number,
  skip: Node,
): boolean {
  const uses: Node[] = [];
  someDescendant(scope, (n) => {
    if (n.type !== 'Identifier' || n.name !== name || n.start < after) return false;
    if (skip.start <= n.start && n.end <= skip.end) return false;
    const parent = ctx.parentOf(n);
    // `{ hasPlayed: x }`'s key and `out.hasPlayed` name a field, not the variable.
    if (parent?.type === 'Property' && parent.key === n && parent.value !== n) return false;
    if (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true)
      return false;
    if (!(parent?.type === 'VariableDeclarator' && parent.id === n)) uses.push(n);
    return false;
  });
  const use = uses[0];
  if (uses.length !== 1 || use === undefined) return false;
  const parent = ctx.parentOf(use);
  if (parent?.type !== 'Property' || parent.value !== use || parent.computed === true) return false;
  const object = ctx.parentOf(parent);
  if (object?.type !== 'ObjectExpression') return false;
  const others = (object.properties as Node[]).filter((p) => p !== parent && p.type === 'Property');
  return others.length >= MIN_OTHER_FIELDS && answered(ctx, object, scope);
}

/**
 * The object is what the function answers: from it up through enclosing object literals and call
 * arguments (`respond(200, x)`, `JSON.stringify(x)`) to a `return`; or it initialises a `const` whose
 * every later use is so returned.
 */
function answered(ctx: ModuleContext, object: Node, scope: Node, depth = 0): boolean {
  let at: Node = object;
  for (let p = ctx.parentOf(at); p !== undefined && p !== scope; at = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) return false;
    if (p.type === 'ReturnStatement') return true;
    if (p.type === 'Property' && p.value === at) continue;
    if (p.type === 'ObjectExpression' || p.type === 'ParenthesizedExpression') continue;
    if (answerBuilder(ctx, p, at)) continue;
    if (p.type === 'VariableDeclarator' && p.init === at && p.id?.type === 'Identifier' && depth < 2) {
      const declaration = ctx.parentOf(p);
      if (declaration?.kind !== 'const') return false;
      const name = p.id.name as string;
      return everyLaterReference(scope, name, p.end, (n) => {
        const parent = ctx.parentOf(n);
        if (parent?.type === 'Property' && parent.key === n && parent.value !== n) return true;
        return returnedFrom(ctx, n, scope);
      });
    }
    return false;
  }
  return false;
}

/**
 * `respond(200, x)`, `JSON.stringify(x)`: a call of a plain function name (not a client's method), not
 * awaited, that takes the object: it builds the answer. An awaited call or a method call may write it,
 * and so does a module-local function that calls another system (`return saveUser({ ...,  banned })`
 * around a PutCommand): the flag's fallback is then stored as fact.
 */
function answerBuilder(ctx: ModuleContext, call: Node, argument: Node): boolean {
  if (call.type !== 'CallExpression' || !(call.arguments as Node[]).includes(argument)) return false;
  if (ctx.parentOf(call)?.type === 'AwaitExpression') return false;
  const callee = unwrap(call.callee as Node);
  if (memberPath(callee)?.join('.') === 'JSON.stringify') return true;
  if (callee?.type !== 'Identifier') return false;
  const local = unwrap(ctx.resolve(callee.name as string, callee)?.init);
  return !(local !== undefined && isFunction(local) && doesIo(ctx, local.body as Node));
}

/** The reference is handed, through call arguments and object literals only, to a `return`. */
function returnedFrom(ctx: ModuleContext, reference: Node, scope: Node): boolean {
  let at: Node = reference;
  for (let p = ctx.parentOf(at); p !== undefined && p !== scope; at = p, p = ctx.parentOf(p)) {
    if (isFunction(p)) return false;
    if (p.type === 'ReturnStatement') return true;
    if (p.type === 'Property' && p.value === at) continue;
    if (p.type === 'ObjectExpression') continue;
    if (answerBuilder(ctx, p, at)) continue;
    return false;
  }
  return false;
}
