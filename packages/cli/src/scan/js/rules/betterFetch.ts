// http-no-timeout for better-fetch (`@better-fetch/fetch`). `createFetch(options)` builds a `$fetch` that hands
// each request to the global fetch; its `timeout` option (milliseconds) arms an abort per request, and left out
// a request waits as long as the server takes (the `retry` option retries answers and errors, never a hang).
// Reported at the createFetch(...) that builds the instance, where the fix goes, when its options are seen in
// full with nothing that may bound a request (`timeout`, `signal`, a custom fetch, plugins or hooks), and the
// instance either leaves the module (exported, returned, passed on: the axios/got policy) or is kept in a local
// name through which some call passes no bound of its own (options the scan cannot read count as bounded). Options from a
// parameter (`createFetch(options)` in a project's wrapper) are the wrapper's callers' to judge: not reported.
import { forEachDescendant, type Node, objectProps, unwrap } from '../ast.js';
import { loadsPackage } from '../loadsPackage.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import type { Report } from './Report.js';

const PACKAGE = '@better-fetch/fetch';

/** Does the module import better-fetch? (a text test before any walk) */
export function mentionsBetterFetch(source: string): boolean {
  return loadsPackage(source, PACKAGE);
}

// Options that can bound a request without naming a timeout: a fetch of the project's own (which may pass a
// signal), a plugin or hook (whose init/onRequest may set one). Their bodies are not read, so any of them
// counts as a bound, as a custom fetch or a middleware does for wretch and openapi-fetch.
const MAY_BOUND = ['timeout', 'signal', 'customFetchImpl', 'plugins', 'hooks', 'onRequest'];

/** Options seen in full with nothing that may bound a request (see MAY_BOUND); absent options hold none. */
function untimed(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return true;
  const props = objectProps(ctx.valueOf(arg));
  return props !== undefined && !props.spread && !MAY_BOUND.some((key) => props.props.has(key));
}

/** Is `callee` better-fetch's createFetch, imported by name or through a namespace (`bf.createFetch`)? */
function isCreateFetch(ctx: ModuleContext, callee: Node | undefined): boolean {
  if (callee?.type === 'Identifier') {
    const imp = ctx.importOf(callee.name as string, callee);
    return imp?.source === PACKAGE && imp.imported === 'createFetch';
  }
  if (callee?.type !== 'MemberExpression' || callee.computed) return false;
  const object = unwrap(callee.object as Node);
  if (object?.type !== 'Identifier' || (callee.property as Node).name !== 'createFetch') return false;
  const imp = ctx.importOf(object.name as string, object);
  return imp?.source === PACKAGE && imp.imported === '*';
}

/**
 * The calls made through the instance a `const $fetch = createFetch(...)` keeps, or undefined when the
 * instance is used any other way (exported, returned, passed on): its requests are then out of sight.
 */
function localCalls(ctx: ModuleContext, create: Node): Node[] | undefined {
  // `createFetch({...}) as typeof fetch` keeps the same instance.
  const { parent: declarator } = ctx.climb(
    create,
    (p) => p.type === 'TSAsExpression' || p.type === 'ParenthesizedExpression',
  );
  if (declarator?.type !== 'VariableDeclarator' || declarator.id?.type !== 'Identifier') return undefined;
  const name = declarator.id.name as string;
  if (ctx.exports.has(name)) return undefined;
  const binding = ctx.resolve(name, declarator.id);
  const calls: Node[] = [];
  let escapes = false;
  forEachDescendant(ctx.program, (n) => {
    if (escapes) return false;
    if (n.type !== 'Identifier' || n.name !== name || n === declarator.id) return true;
    if (ctx.resolve(name, n) !== binding) return true;
    const use = ctx.parentOf(n);
    if (use?.type === 'CallExpression' && use.callee === n) calls.push(use);
    else escapes = true;
    return true;
  });
  return escapes ? undefined : calls;
}

/**
 * better-fetch instances built without a timeout that leave the module or make a request here with none.
 * @example
 * betterFetchClients(ctx, report); // reports `const $fetch = createFetch({ retry })` called as `$fetch(url)`
 */
export function betterFetchClients(ctx: ModuleContext, report: Report): void {
  if (!mentionsBetterFetch(ctx.source)) return;
  for (const call of ctx.of('CallExpression')) {
    if (!isCreateFetch(ctx, unwrap(call.callee))) continue;
    if (!untimed(ctx, (call.arguments as Node[])[0])) continue;
    const calls = localCalls(ctx, call);
    // An instance that leaves the module (exported, returned, passed on) is reported as axios and got
    // instances are: its requests elsewhere have no timeout unless each caller adds one.
    if (calls?.length === 0) continue;
    // One bounded call does not bound the others: reported when any request here goes out untimed.
    if (calls !== undefined && !calls.some((c) => untimed(ctx, (c.arguments as Node[])[1]))) continue;
    if (coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      'better-fetch client built without a timeout: each request waits as long as the server takes (retry does not bound a hang); pass timeout to createFetch() or to each call',
    );
  }
}
