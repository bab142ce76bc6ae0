// A data-layer function that hands its lookup's promise back unawaited: `export const getByApiKey = (apiKey)
// => prisma.user.findFirst({ where: { apiKey } })`, `function byHash(h) { return db.select().from(keys)... }`.
// It is neither async nor typed Promise, yet whoever awaits it awaits the database: a middleware's
// `try { user = await userService.getByApiKey(key) } catch { return response.json(401, ...) }` answers a
// database outage as a bad key. Only what the function returns is read (its top-level `return`s or its
// expression body), so a lookup it fires and forgets, or one inside a callback, does not count.
import { isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { lookupKind } from './authLookups.js';

/** The values a function hands back: its expression body, or the arguments of its body's own `return`s. */
function returnedValues(fn: Node): Node[] {
  const body = unwrap(fn.body as Node);
  if (body === undefined) return [];
  if (body.type !== 'BlockStatement') return [body];
  return (body.body as Node[]).flatMap((s) =>
    s.type === 'ReturnStatement' && s.argument != null ? [s.argument as Node] : [],
  );
}

/**
 * What database or cache read `fn` hands back (`the user.findFirst() lookup (database)`), down the call
 * chain it returns (`db.select(...).from(t).where(...).limit(1)` starts a query at its root), or undefined.
 */
export function handedLookup(ctx: ModuleContext, fn: Node | undefined): string | undefined {
  if (fn === undefined || !isFunction(fn)) return undefined;
  for (const value of returnedValues(fn)) {
    let call = unwrap(value);
    for (let i = 0; i < 12 && call?.type === 'CallExpression'; i++) {
      const what = lookupKind(ctx, call);
      if (what !== undefined) return what;
      const callee = unwrap(call.callee);
      if (callee?.type !== 'MemberExpression') break;
      call = unwrap(callee.object);
    }
  }
  return undefined;
}
