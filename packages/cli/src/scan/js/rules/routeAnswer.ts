// What tells an Express route's client the outcome, for the rules that excuse code which does
// (routeHandlers.ts: floating work beside the answer; compensationCatch.ts and routeCatchNoAnswer.ts: a
// catch that answers or hands the error on). One reading for the three, from the tree: a text match of the
// names also took a string or comment that spells `res`, and a mere read of `res.locals`, for an answer.
import { forEachDescendant, isFunction, type Node, propertyName, unwrap, wrap } from '../ast.js';
import { boundNames } from '../heldRecord.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';

const REQUEST = /^(?:req|request)$/;
const RESPONSE = /^(?:res|response)$/;

/** The response methods that answer (or start answering) the request. */
const ANSWERS = /^(?:status|send|json|sendStatus|end|render|redirect|sendFile|jsonp|download)$/;

/** The name of a route function's third parameter (`next`), when it is a plain identifier. */
export function nextParam(fn: Node | undefined): string | undefined {
  const next = (fn?.params as Node[] | undefined)?.[2];
  return next?.type === 'Identifier' ? (next.name as string) : undefined;
}

/**
 * The route handler's response parameter name, when `fn` is `(req, res[, next])` and its body calls an
 * answering method on it somewhere (answerStart). A route that only hands `res` to a helper is not taken
 * for one: the helper may be anything, and the rules built on this judge a route by how it answers.
 */
export function responseParam(ctx: ModuleContext, fn: Node): string | undefined {
  const [req, res] = fn.params as Node[];
  if (req?.type !== 'Identifier' || res?.type !== 'Identifier') return undefined;
  if (!REQUEST.test(req.name as string) || !RESPONSE.test(res.name as string)) return undefined;
  const name = res.name as string;
  return answerStart(ctx, fn.body as Node, name) === -1 ? undefined : name;
}

/**
 * Where `node` first calls an answering method on the response `res` (`res.status(500).json(e)`, or a
 * chain that reaches one: `res.type('xml').send(x)`), as a source offset, or -1. Handing `res` on and
 * using `next` do not count here (answersRoute does).
 */
export function answerStart(ctx: ModuleContext, node: Node, res: string): number {
  let first = -1;
  forEachDescendant(wrap(node), (n) => {
    if (isUse(ctx, node, n, res) && answersByMethod(ctx, n) && (first === -1 || n.start < first))
      first = n.start;
    return true;
  });
  return first;
}

/**
 * Does `node` (a statement, a catch body, a try block) answer through the response `res` or hand on to
 * `next`: an answering method called on `res` or anywhere in a chain started on it (`res.status(500).json(e)`,
 * `res.set(h).json(x)`), `res` handed to a call, directly or inside an object or array
 * (`sendError(res, e)`, `stream.pipe(res)`, `reply({ res, x })`), or `next` called or handed to a call
 * (`next(e)`, `.catch(next)`)? Nested callbacks count (`.then((x) => res.json(x))` carries the answer),
 * unless they bind a `res` or `next` of their own (`.then((res) => res.json())` is a fetch's response).
 * A member or key spelled like them, a read such as `res.locals.user`, a log line handed `res` or `next`
 * (`logError(err, req, res)`: it observes, answers nothing), and strings or comments do not.
 *
 * @example answersRoute(ctx, stmt, 'res', 'next') // `find().then((x) => res.json(x)).catch(next);` -> true
 */
export function answersRoute(ctx: ModuleContext, node: Node, res: string, next?: string): boolean {
  let found = false;
  forEachDescendant(wrap(node), (n) => {
    if (found) return false;
    if (next !== undefined && isUse(ctx, node, n, next)) found = handedOn(ctx, n, true);
    else if (isUse(ctx, node, n, res)) found = answersByMethod(ctx, n) || handedOn(ctx, n, false);
    return !found;
  });
  return found;
}

/** `n` is the variable `name` of the route, read inside `root`: not a key, not a nested function's own. */
function isUse(ctx: ModuleContext, root: Node, n: Node, name: string): boolean {
  if (n.type !== 'Identifier' || n.name !== name || isKeyName(ctx, n)) return false;
  for (let p = ctx.parentOf(n); p !== undefined && p !== root; p = ctx.parentOf(p))
    if (isFunction(p) && rebinds(p, name)) return false;
  return true;
}

/** A function that binds `name` itself: a parameter, or a declaration among its body's statements. */
function rebinds(fn: Node, name: string): boolean {
  if ((fn.params as Node[]).some((p) => boundNames(p).includes(name))) return true;
  const body = fn.body as Node;
  if (body?.type !== 'BlockStatement') return false;
  return (body.body as Node[]).some(
    (s) =>
      (s.type === 'VariableDeclaration' &&
        (s.declarations as Node[]).some((d) => boundNames(d.id as Node).includes(name))) ||
      (s.type === 'FunctionDeclaration' && s.id?.name === name),
  );
}

/** `id` (the response) starts a call chain with an answering method anywhere in it. */
function answersByMethod(ctx: ModuleContext, id: Node): boolean {
  let [object, member] = outermost(ctx, id);
  while (member?.type === 'MemberExpression' && member.object === object) {
    const call = ctx.parentOf(member);
    if (call?.type !== 'CallExpression' || call.callee !== member) return false;
    if (ANSWERS.test(propertyName(member.property as Node, member.computed as boolean) ?? '')) return true;
    [object, member] = outermost(ctx, call);
  }
  return false;
}

/**
 * `id` handed to a call that is not a log line: as the callee (`next(e)`, only when `asCallee`), as an
 * argument, or inside an object, array or spread that is one (`reply({ res, x })`, `respond([req, res])`).
 */
function handedOn(ctx: ModuleContext, id: Node, asCallee: boolean): boolean {
  let [child, parent] = outermost(ctx, id);
  if (asCallee && parent?.type === 'CallExpression' && parent.callee === child) return !isObservation(parent);
  while (
    parent !== undefined &&
    (parent.type === 'ObjectExpression' ||
      parent.type === 'ArrayExpression' ||
      parent.type === 'SpreadElement' ||
      (parent.type === 'Property' && parent.value === child))
  )
    [child, parent] = outermost(ctx, parent);
  if (parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') return false;
  return (parent.arguments as Node[]).includes(child) && !isObservation(parent);
}

/** `node` with the parentheses, `as`, `!` and optional chains around it, and the parent above them. */
function outermost(ctx: ModuleContext, node: Node): [Node, Node | undefined] {
  let child = node;
  let parent = ctx.parentOf(node);
  while (parent !== undefined && unwrap(parent) !== parent) [child, parent] = [parent, ctx.parentOf(parent)];
  return [child, parent];
}
