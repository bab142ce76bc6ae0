// A request that, refused with 401, fetches a new token and calls its own function again with nothing
// that stops a second refusal (`else if (response.statusCode === 401) { token = await refresh();
// resolve(this.getUser(id, token)) }`). A revoked key or a missing permission keeps answering 401, and the
// function loops token exchange and request until the Lambda times out. A parameter or text that counts
// attempts (`isRetry`, `attempt < 2`), or a literal handed to the second call (`this.get(id, token, true)`),
// bounds it.
import { isFunction, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';
import { COUNTER, callsSelf, selfName } from './retryRecursion.js';

const GUARD_PARAM = /retr|attempt|again|refresh|first|count|tries|once/i;

/** `response.statusCode === 401`, `res.status == 401`. */
function refusedTest(node: Node): boolean {
  if (node.type !== 'BinaryExpression' || (node.operator !== '===' && node.operator !== '==')) return false;
  const sides = [unwrap(node.left as Node), unwrap(node.right as Node)];
  const literal = sides.some((s) => s?.type === 'Literal' && s.value === 401);
  const status = sides.some((s) => /^(status|statusCode)$/.test(memberPath(s)?.at(-1) ?? ''));
  return literal && status;
}

/** The nearest function around `node` that has a name to call itself by, through inner callbacks. */
function namedOwner(ctx: ModuleContext, node: Node) {
  for (let f = ctx.enclosingFunction(node); f !== undefined; f = ctx.enclosingFunction(f)) {
    const self = selfName(ctx, f);
    if (self !== undefined) return { fn: f, self };
    if (!isFunction(f)) return undefined;
  }
  return undefined;
}

/** Self-calls on a 401 branch with no attempt limit in sight. */
export function refusalSites(ctx: ModuleContext): RetrySite[] {
  if (!ctx.source.includes('401')) return [];
  const out: RetrySite[] = [];
  for (const literal of ctx.of('Literal')) {
    if (literal.value !== 401) continue;
    const test = ctx.parentOf(literal);
    const branch = test === undefined ? undefined : ctx.parentOf(test);
    if (test === undefined || !refusedTest(test) || branch?.type !== 'IfStatement' || branch.test !== test)
      continue;
    const owner = namedOwner(ctx, branch);
    if (owner === undefined) continue;
    const { fn, self } = owner;
    let again: Node | undefined;
    someDescendant(branch.consequent as Node, (n) => {
      if (again === undefined && n.type === 'CallExpression' && callsSelf(n, self)) again = n;
      return again !== undefined;
    });
    if (again === undefined) continue;
    const guarded =
      (fn.params as Node[]).some((p) => GUARD_PARAM.test(ctx.source.slice(p.start, p.end))) ||
      COUNTER.test(ctx.source.slice(fn.start, fn.end)) ||
      (again.arguments as Node[]).some((a) => {
        const u = unwrap(a);
        return u?.type === 'Literal' || u?.type === 'BinaryExpression';
      });
    if (guarded) continue;
    out.push({
      node: again,
      label: 'retry on 401',
      unbounded:
        'calls itself again after a 401 with no attempt limit: a key the server keeps refusing loops token exchange and request until the Lambda times out',
      noBreaker: true,
    });
  }
  return out;
}
