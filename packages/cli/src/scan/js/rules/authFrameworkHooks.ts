// Auth hooks whose framework turns a falsy answer into "not authenticated": RedwoodJS's `getCurrentUser`
// (its null becomes `context.currentUser`, and `requireAuth()` then throws AuthenticationError) and
// Auth.js / NextAuth's Credentials `authorize` (null is documented as "check your details", the
// CredentialsSignin error). A catch-all in such a hook that answers null for a failed user lookup tells
// every signed-in user they are logged out while the database or identity provider is down.
import { isFunction, type Node, propertyName, someDescendant } from '../ast.js';
import { declaredName } from '../flagGated.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isFalsyValue } from './authFacts.js';
import { fallThrough, onlyLogs } from './authFlow.js';

/** The hooks, by the name the framework calls them under, and the import that says the framework is used. */
const HOOKS: readonly { name: string; framework: RegExp }[] = [
  { name: 'getCurrentUser', framework: /['"]@redwoodjs\// },
  { name: 'authorize', framework: /['"](next-auth|@auth\/)/ },
];

/** The name a function is called under: declared or bound (`const f = ...`), or an object's method or property. */
function hookName(ctx: ModuleContext, fn: Node): string | undefined {
  const declared = declaredName(ctx, fn);
  if (declared !== undefined) return declared;
  const parent = ctx.parentOf(fn);
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition')
    return propertyName(parent.key as Node, parent.computed as boolean);
  return undefined;
}

/** Does the catch answer null/false itself, or log and fall to the hook's end (or a falsy return)? */
function answersFalsy(ctx: ModuleContext, handler: Node): boolean {
  const returns: Node[] = [];
  someDescendant(
    handler.body as Node,
    (n) => {
      if (n.type === 'ReturnStatement') returns.push(n);
      return false;
    },
    true,
  );
  if (returns.length > 0) return returns.every((r) => isFalsyValue(r.argument as Node | null));
  if (!onlyLogs(handler)) return false;
  const next = fallThrough(ctx, ctx.parentOf(handler) as Node);
  if (next?.kind === 'end') return true;
  return (
    next?.kind === 'exit' && next.node.type === 'ReturnStatement' && isFalsyValue(next.node.argument as Node)
  );
}

/**
 * The catch of a framework auth hook that answers null/false for every error: the framework answers
 * "not authenticated" for it. Returns the node to report the answer at, or undefined.
 */
export function hookFalsyAnswer(ctx: ModuleContext, handler: Node): Node | undefined {
  const hooks = HOOKS.filter((h) => ctx.spells(h.name) && h.framework.test(ctx.source));
  if (hooks.length === 0) return undefined;
  const fn = ctx.enclosingFunction(handler);
  if (fn === undefined || !isFunction(fn)) return undefined;
  const name = hookName(ctx, fn);
  if (!hooks.some((h) => h.name === name)) return undefined;
  return answersFalsy(ctx, handler) ? handler : undefined;
}
