// A handler that reads nothing from its event looks like a job that selects its own work, whose next run
// is the retry (selectsOwnWork). A template may say otherwise: an HTTP route that lists everything reads
// no request field either, yet a user waits on its answer and nothing runs it again. no-retry reports such
// a handler's requests kept only where a template routes the entry handler that makes them
// (`onlyIfRouted`): a scheduled export beside a routed one in the same module is still a job.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedName } from './errorValues.js';
import { exportNamesOf } from './lambda.js';

/**
 * The export names of the entry handlers that make `call` (the one enclosing it, or for a module helper
 * the entries that call it), which a template must route for a job-shaped handler's request to be
 * judged; undefined when there are none.
 * @example
 * // exports.list = async () => get(url)      // serverless.yml: httpApi GET /items
 * // exports.refresh = async () => get(url)   // serverless.yml: schedule rate(1 hour)
 * eventlessRoute(ctx, callInRefresh) // { onlyIfRouted: ['refresh'] }
 */
export function eventlessRoute(
  ctx: ModuleContext,
  call: Node,
): { readonly onlyIfRouted: readonly string[] } | undefined {
  const names = new Set(entriesMaking(ctx, call, new Set()).flatMap((e) => exportNamesOf(ctx, e)));
  return names.size === 0 ? undefined : { onlyIfRouted: [...names] };
}

/** The entry handlers whose run reaches `node`: the nearest enclosing handler, or its callers'. */
function entriesMaking(ctx: ModuleContext, node: Node, seen: Set<Node>): Node[] {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) {
    const kind = ctx.handlers.get(n);
    if (kind === 'entry') return [n];
    if (kind !== undefined) return callingEntries(ctx, n, seen);
  }
  return [];
}

/** The entry handlers that call the module helper `fn`; every entry when its callers cannot be told. */
function callingEntries(ctx: ModuleContext, fn: Node, seen: Set<Node>): Node[] {
  const everyEntry = [...ctx.handlers].filter(([, k]) => k === 'entry').map(([f]) => f);
  if (seen.has(fn)) return [];
  seen.add(fn);
  const name = returnedName(ctx, fn);
  if (name === undefined) return everyEntry;
  const entries: Node[] = [];
  let called = false;
  for (const c of ctx.of('CallExpression')) {
    if (calleeName(c) !== name || unwrap(c.callee)?.type !== 'Identifier') continue;
    called = true;
    entries.push(...entriesMaking(ctx, c, seen));
  }
  return called ? entries : everyEntry;
}
