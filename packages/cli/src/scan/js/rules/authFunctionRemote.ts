// What a catch answering 401/403 around a call of this function (in another module) depends on: the
// remote verifier, key or lookup the function's own promise settles with.
import { type Node, returnsPromise, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callsRemote } from './authFacts.js';
import { handedLookup } from './authHandedLookups.js';

/**
 * The remote an exported function's promise depends on: its body's when it is async or hands back a
 * promise it builds (`return new Promise((res, rej) => jwt.verify(...))`) or is an arrow whose body is
 * the call it hands back (`(t) => getVerifier().verify(t)`); or a lookup's promise handed back unawaited
 * (`(k) => prisma.user.findFirst(...)`: rules/authHandedLookups.ts).
 */
export function functionRemote(ctx: ModuleContext, fn: Node): string | undefined {
  const body = fn.body as Node;
  const handsBackCall = body.type !== 'BlockStatement' && unwrap(body)?.type === 'CallExpression';
  const settles =
    returnsPromise(fn) || handsBackCall || ctx.source.slice(fn.start, fn.end).includes('new Promise');
  const own = settles ? callsRemote(ctx, body.type === 'BlockStatement' ? body : wrap(body)) : undefined;
  return own ?? handedLookup(ctx, fn);
}
