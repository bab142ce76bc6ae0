// floating-promise: a middy 1.x middleware written in the callback style, `(handler, next) => { ... }`,
// hung on a handler by `middy(fn).before(hook)`, `.after(hook)` or `.onError(hook)`. middy 1 waits for
// such a hook to call `next()`. A hook that starts a promise chain and calls `next` only in its `.then`
// (`emit(event).then(() => next(handler.error))`), with no rejection handler anywhere in the chain, never
// calls `next` when the chain rejects: the rejection is unhandled and the request hangs until the Lambda
// timeout. A chain that also passes its failure on (`.catch(next)`, `.then(ok, next)`) or is returned is
// not reported, nor is an `async` or generator hook: middy 1 waits on the promise it returns, not on `next`.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** middy's builder methods whose function argument is a middleware hook. */
const HOOKS = new Set(['before', 'after', 'onError']);

/** Whether `call` is a `.before/.after/.onError` call on a chain that starts at `middy(...)`. */
function onMiddyChain(ctx: ModuleContext, call: Node): boolean {
  let c: Node | undefined = call;
  while (c?.type === 'CallExpression' && unwrap(c.callee)?.type === 'MemberExpression')
    c = unwrap(unwrap(c.callee)?.object as Node);
  if (c?.type !== 'CallExpression') return false;
  const root = ctx.importRoot(c.callee);
  return root?.source === '@middy/core' || root?.source === 'middy';
}

/** The callback-style hooks (`(handler, next) => ...`) handed to a middy chain in this module. */
function callbackHooks(ctx: ModuleContext): Node[] {
  const hooks: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (!HOOKS.has(calleeName(call) ?? '') || !onMiddyChain(ctx, call)) continue;
    const arg = (call.arguments as Node[])[0];
    const fn = ctx.functionOf(arg) ?? (isFunction(unwrap(arg)) ? unwrap(arg) : undefined);
    const next = fn === undefined ? undefined : unwrap((fn.params as Node[])[1]);
    // middy 1 drives an async (or generator) hook by what it returns, not by `next`: no hang there.
    if (fn === undefined || fn.async === true || fn.generator === true) continue;
    if (next?.type === 'Identifier') hooks.push(fn);
  }
  return hooks;
}

/** Whether `node` calls or hands on the hook's `next`. */
function usesNext(node: Node, next: string): boolean {
  const isNext = (n: Node) => n.type === 'Identifier' && n.name === next;
  return isNext(node) || someDescendant(node, isNext, true);
}

/**
 * The chain's calls from the outermost `.then` down: reported when some `.then` hands `next` on in its
 * first argument and no step handles a rejection (`.catch`, `.finally` calling next, a second `.then`
 * argument).
 */
function nextOnlyOnFulfil(chain: Node, next: string): boolean {
  let fulfils = false;
  for (let c: Node | undefined = chain; c?.type === 'CallExpression'; ) {
    const name = calleeName(c);
    const args = c.arguments as Node[];
    if (name === 'catch') return false;
    // `.finally(() => next())` runs on rejection too; a `.finally` that only logs does not call next.
    if (name === 'finally' && args[0] !== undefined && usesNext(args[0], next)) return false;
    if (name === 'then') {
      if (args.length > 1) return false;
      if (args[0] !== undefined && usesNext(args[0], next)) fulfils = true;
    }
    const callee = unwrap(c.callee);
    c = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  }
  return fulfils;
}

/**
 * Reports the chains of middy callback hooks that call `next` only when they fulfil.
 *
 * @example
 * middyNextChains(ctx, report) // .onError((handler, next) => { emit(e).then(() => next(handler.error)) }) -> reported
 */
export function middyNextChains(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('middy') || !ctx.spells('.then(')) return;
  for (const hook of callbackHooks(ctx)) {
    const next = unwrap((hook.params as Node[])[1])?.name as string;
    someDescendant(
      hook.body as Node,
      (n) => {
        if (n.type !== 'ExpressionStatement' || ctx.enclosingFunction(n) !== hook) return false;
        const e = unwrap(n.expression as Node);
        if (
          e?.type === 'CallExpression' &&
          ['then', 'finally'].includes(calleeName(e) ?? '') &&
          nextOnlyOnFulfil(e, next)
        )
          report(
            'floating-promise',
            e,
            `the middy hook calls ${next}() only when this chain fulfils and gives it no rejection handler: if it rejects, ${next}() is never called, the rejection is unhandled and the request hangs until the Lambda timeout`,
          );
        return false;
      },
      true,
    );
  }
}
