// A promise started inside a listener of a stream (or any emitter) that it feeds: `stream.on('newListener',
// () => { initDownloadStream(bucket, key, stream).catch(...) })` of a lazily opened PassThrough. The
// listener's return value is ignored by EventEmitter, so the chain is not awaited; but the work is handed
// the very emitter it listens on and produces into it, and whoever reads that stream waits for its end or
// its error: a Readable ends only when its producer pushes null, ends or destroys it (Node stream docs).
// So the work is awaited through the stream, not left behind.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const SUBSCRIBE = /^(on|once|addListener|prependListener|prependOnceListener)$/;

/** The innermost call of a chain: `work(a)` of `work(a).then(f).catch(g)`. */
function chainRoot(call: Node): Node {
  let c = call;
  for (;;) {
    const callee = unwrap(c.callee);
    const object = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (object?.type !== 'CallExpression' || !/^(then|catch|finally)$/.test(calleeName(c) ?? '')) return c;
    c = object;
  }
}

/**
 * The statement's call runs in a listener subscribed on `emitter` and is handed that same emitter
 * (`stream.on(..., () => fill(stream).catch(...))`): it feeds the stream its reader waits on.
 *
 * @example
 * feedsListenedStream(ctx, stmt, call) // stream.on('newListener', () => { init(b, k, stream).then(...) }) -> true
 */
export function feedsListenedStream(ctx: ModuleContext, stmt: Node, call: Node): boolean {
  const listener = ctx.enclosingFunction(stmt);
  const subscribe = listener === undefined ? undefined : ctx.parentOf(listener);
  if (subscribe?.type !== 'CallExpression' || !SUBSCRIBE.test(calleeName(subscribe) ?? '')) return false;
  if (!(subscribe.arguments as Node[]).includes(listener as Node)) return false;
  const emitter = unwrap(unwrap(subscribe.callee)?.object);
  if (emitter?.type !== 'Identifier') return false;
  return (chainRoot(call).arguments as Node[]).some((a) => {
    const arg = unwrap(a);
    return arg?.type === 'Identifier' && arg.name === emitter.name;
  });
}
