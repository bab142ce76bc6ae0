// The method a finding sits in, when that method can run only if some module names it: a plain method of a
// plain class (no decorator a framework registers it by, no base class or interface something else may call
// it through), named nowhere in its own module but at its declaration. The project pass (unnamedMethods.ts)
// then looks for the name in the rest of the package; this side only says which name to look for.
import { isFunction, type Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Methods the runtime calls by itself (`JSON.stringify`, `await`, string coercion, util.inspect). */
const IMPLICIT = new Set([
  'constructor',
  'toJSON',
  'toString',
  'valueOf',
  'then',
  'catch',
  'finally',
  'inspect',
]);

const decorated = (n: Node | undefined) => Array.isArray(n?.decorators) && n.decorators.length > 0;

/**
 * The name of the class method around `node` when only a caller naming it can run it (see above).
 *
 * @example
 * reachedMethod(ctx, axiosCall) // 'cancelBooking' for a call inside `class Bookings { async cancelBooking() {...} }`
 */
export function reachedMethod(ctx: ModuleContext, node: Node): string | undefined {
  let outer: Node | undefined;
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) if (isFunction(n)) outer = n;
  const member = outer === undefined ? undefined : ctx.parentOf(outer);
  if (member?.type !== 'MethodDefinition' && member?.type !== 'PropertyDefinition') return undefined;
  if (member.computed === true || member.key?.type !== 'Identifier' || decorated(member)) return undefined;
  if (member.kind === 'get' || member.kind === 'set') return undefined;
  const name = member.key.name as string;
  if (IMPLICIT.has(name)) return undefined;
  const body = ctx.parentOf(member);
  const cls = body === undefined ? undefined : ctx.parentOf(body);
  if (cls === undefined || decorated(cls) || cls.superClass != null) return undefined;
  if (Array.isArray(cls.implements) && cls.implements.length > 0) return undefined;
  // Its declaration is the one place the module may name it: `this.name()`, `svc.name` or a key elsewhere
  // is a caller the module's own reach would have to follow. A comment naming it is no caller (uncalled.ts).
  return namedOnce(ctx, name) ? name : undefined;
}

/** Per module: how often each word is written in its code, outside its comments. */
const WORD_COUNTS = new WeakMap<ModuleContext, ReadonlyMap<string, number>>();

/** Is `word` written once in the module's code, outside its comments? A string naming it counts (a key). */
function namedOnce(ctx: ModuleContext, word: string): boolean {
  let counts = WORD_COUNTS.get(ctx);
  if (counts === undefined) {
    counts = wordCounts(ctx);
    WORD_COUNTS.set(ctx, counts);
  }
  return counts.get(word) === 1;
}

/** One pass over the module: each whole word (`[\w$]+`) outside a comment, counted (a module of thousands of findings stays linear). */
function wordCounts(ctx: ModuleContext): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  const comments = [...ctx.comments].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const m of ctx.source.matchAll(/[\w$]+/g)) {
    const at = m.index;
    while (next < comments.length && (comments[next]?.end ?? 0) <= at) next++;
    const comment = comments[next];
    if (comment !== undefined && comment.start <= at) continue;
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return counts;
}
