// infra-error-as-auth through a module-level credential cache: a loader fetches the keys (API keys from
// Secrets Manager, a JWKS, an allow-list table) into a module variable and only logs when the fetch fails,
// and the check answers 401/403/Deny when a credential is not in the cache. During the store's outage the
// cache stays empty (or stale), so every valid caller is told it is unauthorized: the log-only catch is
// the line that decides an outage is an auth failure.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { lastTextMemo } from '../textMemo.js';
import { answersAuthFailure } from './authAnswers.js';
import { onlyLogs } from './authFlow.js';
import { callsRemote } from './authRemote.js';
import { isLogCall } from './catchFacts.js';
import type { Report } from './Report.js';

/** A `let` in the module: only a module-level cache can hold a loaded key. Asked once per catch, read once per text. */
const letText = lastTextMemo((text) => /\blet\s/.test(text));

/** The module-level variables a node assigns, in its callbacks too (`.then((d) => { apiKeys = new Map(...) })`). */
function assignedModuleVars(ctx: ModuleContext, node: Node): Set<string> {
  const names = new Set<string>();
  someDescendant(node, (n) => {
    const left = n.type === 'AssignmentExpression' ? unwrap(n.left) : undefined;
    if (left?.type === 'Identifier' && ctx.resolve(left.name as string, left)?.scope === ctx.program)
      names.add(left.name as string);
    return false;
  });
  return names;
}

/** Does the node read one of the names (not as an assignment target)? */
function readsAny(ctx: ModuleContext, node: Node, names: ReadonlySet<string>): boolean {
  return someDescendant(node, (n) => {
    if (n.type !== 'Identifier' || !names.has(n.name as string)) return false;
    const parent = ctx.parentOf(n);
    return !(parent?.type === 'AssignmentExpression' && parent.left === n);
  });
}

/** A `.catch(cb)` callback that only logs. */
function logOnlyCallback(ctx: ModuleContext, cb: Node | undefined): boolean {
  const fn = ctx.valueOf(cb);
  if (fn === undefined || !isFunction(fn)) return false;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return isLogCall(body);
  const statements = body.body as Node[];
  return statements.length > 0 && statements.every((s) => isLogCall(s));
}

/** The module's top-level functions: declared, bound (`const f = async () =>`) or wrapped (`wrap(async () =>)`). */
function moduleFunctions(ctx: ModuleContext): Node[] {
  const out: Node[] = [];
  for (const top of ctx.program.body as Node[]) {
    const s =
      top.type === 'ExportNamedDeclaration' || top.type === 'ExportDefaultDeclaration'
        ? top.declaration
        : top;
    if (s == null) continue;
    if (isFunction(s)) out.push(s);
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations as Node[]) {
      const init = unwrap(d.init);
      if (init === undefined) continue;
      if (isFunction(init)) out.push(init);
      else if (init.type === 'CallExpression')
        out.push(...(init.arguments as Node[]).filter((a) => isFunction(a)));
    }
  }
  return out;
}

/**
 * Does a function of the module other than the loader answer 401/403/Deny while reading the cache,
 * directly or through a function of the module that reads it (`if (isValidToken(t)) ...; return response401`)?
 */
function cacheGatesAuth(ctx: ModuleContext, loader: Node, cache: ReadonlySet<string>): boolean {
  const functions = moduleFunctions(ctx);
  const readers = functions.filter((fn) => fn !== loader && readsAny(ctx, fn.body as Node, cache));
  return functions.some((fn) => {
    if (fn === loader) return false;
    const reads =
      readers.includes(fn) ||
      someDescendant(
        fn.body as Node,
        (n) => n.type === 'CallExpression' && readers.includes(ctx.functionOf(unwrap(n.callee)) as Node),
        true,
      );
    return reads && answersAuthFailure(fn.body as Node, ctx) !== undefined;
  });
}

/** What a log-only load drops: the remote it calls and the cache it leaves, when that cache gates a 401/403. */
function droppedLoad(
  ctx: ModuleContext,
  scope: Node,
  fn: Node | undefined,
): { remote: string; cache: Set<string> } | undefined {
  const cache = assignedModuleVars(ctx, scope);
  if (cache.size === 0 || fn === undefined) return undefined;
  const remote = callsRemote(ctx, scope);
  if (remote === undefined || !cacheGatesAuth(ctx, fn, cache)) return undefined;
  return { remote, cache };
}

/** Is this log-only catch the load of a credential cache that gates a 401/403 (swallowed-error defers)? */
export function keyCacheCatch(ctx: ModuleContext, handler: Node): boolean {
  if (!letText(ctx.source) || !onlyLogs(handler)) return false;
  const tryStatement = ctx.parentOf(handler) as Node;
  return droppedLoad(ctx, tryStatement.block as Node, ctx.enclosingFunction(handler)) !== undefined;
}

/** Reports the log-only catch of a remote credential load whose cache gates a 401/403/Deny. */
export function keyCacheRules(ctx: ModuleContext, report: Report): void {
  if (!letText(ctx.source)) return;
  const loads: { at: Node; scope: Node; fn: Node | undefined }[] = [];
  for (const handler of ctx.of('CatchClause'))
    if (onlyLogs(handler)) {
      const tryStatement = ctx.parentOf(handler) as Node;
      loads.push({ at: handler, scope: tryStatement.block as Node, fn: ctx.enclosingFunction(handler) });
    }
  if (ctx.spells('.catch('))
    for (const call of ctx.of('CallExpression')) {
      const callee = unwrap(call.callee);
      if (calleeName(call) !== 'catch' || callee?.type !== 'MemberExpression') continue;
      const cb = (call.arguments as Node[])[0];
      if (!logOnlyCallback(ctx, cb)) continue;
      loads.push({ at: cb as Node, scope: unwrap(callee.object) as Node, fn: ctx.enclosingFunction(call) });
    }
  for (const load of loads) {
    const dropped = droppedLoad(ctx, load.scope, load.fn);
    if (dropped === undefined) continue;
    report(
      'infra-error-as-auth',
      load.at,
      `a failure of ${dropped.remote} is only logged and leaves the credential cache (${[...dropped.cache].join(', ')}) empty or stale, and the check answers 401/403 for a credential it cannot find: an outage turns every valid caller away`,
    );
  }
}
