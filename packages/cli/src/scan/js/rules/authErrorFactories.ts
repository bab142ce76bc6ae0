// Helpers that build the 401/403 answer for their caller: `const buildInvalidApiKey = () => { const
// error = new Error('Unauthorized'); error.status = 401; return error }` in a util module, then `catch {
// next(util.buildInvalidApiKey()) }` or `.catch(() => callback(util.buildInvalidApiKey()))`. The catch that
// hands every failure such an error answers an outage as 401 as surely as one calling `res.status(401)`.
import { calleeName, isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { answersAuthFailure } from './authAnswers.js';

/**
 * Is this function a straight-line builder of a 401/403 answer: it answers one (an error whose `status` is
 * set to 401, `res.status(401)`, `new HttpError(403)`) and waits on nothing and chooses nothing (a default
 * message, `message || 'Forbidden'`, is no choice)? A function with a branch or an await is a check, not
 * an answer, and calling it from a catch decides nothing.
 */
export function authErrorFactory(ctx: ModuleContext, fn: Node): boolean {
  if (!isFunction(fn)) return false;
  const body = fn.body as Node;
  const chooses = someDescendant(
    body,
    (n) =>
      n.type === 'IfStatement' ||
      n.type === 'ConditionalExpression' ||
      n.type === 'SwitchStatement' ||
      n.type === 'AwaitExpression' ||
      n.type === 'TryStatement',
    false,
  );
  return !chooses && answersAuthFailure(body, ctx) !== undefined;
}

/**
 * The answer-building helpers whose result a catch (or a `.catch` callback) hands on: `local` when a function of this
 * module builds a 401/403, `imported` for project imports whose own module decides (the project pass asks
 * the export's `authError` fact).
 */
export function raisedFactories(
  ctx: ModuleContext,
  body: Node,
): { local: true } | { imported: ImportRef[] } | undefined {
  const imported: ImportRef[] = [];
  let local = false;
  someDescendant(
    body,
    (n) => {
      if (local || n.type !== 'CallExpression') return local;
      // Only an error handed on (`next(build())`, `throw build()`, `return build()`) is the answer; a
      // bare call (`logger.warn(...)`) is not building one.
      const parent = ctx.parentOf(n);
      const handedOn =
        (parent?.type === 'CallExpression' && parent.callee !== n) ||
        parent?.type === 'ThrowStatement' ||
        parent?.type === 'ReturnStatement';
      if (!handedOn) return false;
      const callee = unwrap(n.callee as Node);
      if (callee === undefined || calleeName(n) === undefined) return false;
      if (callee.type === 'Identifier') {
        const fn = ctx.functionOf(callee);
        if (fn !== undefined) {
          local = authErrorFactory(ctx, fn);
          return local;
        }
      }
      const root = memberPath(callee)?.[0] ?? '';
      if (!ctx.projectImports.has(root)) return false;
      const ref = importRefOf(ctx, callee);
      if (ref !== undefined) imported.push(ref);
      return false;
    },
    true,
  );
  if (local) return { local: true };
  return imported.length > 0 ? { imported } : undefined;
}
