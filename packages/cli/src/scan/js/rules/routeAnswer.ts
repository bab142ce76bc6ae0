// What tells an Express route's client the outcome, for the rules that excuse code which does
// (routeHandlers.ts: floating work beside the answer; compensationCatch.ts and routeCatchNoAnswer.ts: a
// catch that answers or hands the error on). One reading for the three, from the tree: a text match of the
// names also took a string or comment that spells `res`, and a mere read of `res.locals`, for an answer.
import { type Node, propertyName, someDescendant, unwrap, wrap } from '../ast.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The response methods that answer (or start answering) the request. */
const ANSWERS = /^(?:status|send|json|sendStatus|end|render|redirect|sendFile|jsonp|download)$/;

/** The name of a route function's third parameter (`next`), when it is a plain identifier. */
export function nextParam(fn: Node | undefined): string | undefined {
  const next = (fn?.params as Node[] | undefined)?.[2];
  return next?.type === 'Identifier' ? (next.name as string) : undefined;
}

/**
 * Does `node` (a statement, a catch body, a try block) answer through the response `res` or hand on to
 * `next`: a call of an answering method on `res` (`res.status(500).json(e)`), `res` handed to a call
 * (`sendError(res, e)`, `stream.pipe(res)`), or any use of `next` as a value (`next(e)`, `.catch(next)`)?
 * Nested callbacks count (`.then((x) => res.json(x))` carries the answer); a member or key spelled like
 * them, a read such as `res.locals.user`, and strings or comments do not.
 *
 * @example answersRoute(ctx, stmt, 'res', 'next') // `find().then((x) => res.json(x)).catch(next);` -> true
 */
export function answersRoute(ctx: ModuleContext, node: Node, res: string, next?: string): boolean {
  return someDescendant(wrap(node), (n) => {
    if (n.type !== 'Identifier' || isKeyName(ctx, n)) return false;
    if (n.name === next) return true;
    if (n.name !== res) return false;
    let child: Node = n;
    let parent = ctx.parentOf(n);
    while (parent !== undefined && unwrap(parent) !== parent)
      [child, parent] = [parent, ctx.parentOf(parent)];
    if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression')
      return (parent.arguments as Node[]).includes(child);
    if (parent?.type !== 'MemberExpression' || parent.object !== child) return false;
    const call = ctx.parentOf(parent);
    return (
      ANSWERS.test(propertyName(parent.property as Node, parent.computed as boolean) ?? '') &&
      call?.type === 'CallExpression' &&
      call.callee === parent
    );
  });
}
