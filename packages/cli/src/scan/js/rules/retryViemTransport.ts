// Retries viem's transports run themselves. `http()`, `webSocket()` and `fallback()` retry a failed RPC
// request `retryCount` times, waiting `~~(1 << count) * retryDelay`: exponential, with no random part and
// no option to add one. A `retryDelay` written in view sets that schedule for every instance that shares
// the RPC endpoint, so it is where retry-no-jitter points; `retryCount: 0` turns the retries off, and so
// does `fallback([...])` for a transport that sets no retryCount of its own (it builds each with 0). A
// delay with a random part (`500 + Math.random() * 500`) is drawn once per instance: instances spread.
import { forEachDescendant, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import { isKeyName } from '../keyNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';

const TRANSPORTS = new Set(['http', 'webSocket', 'fallback']);

/**
 * The retry a viem transport call with a written `retryDelay` sets up.
 * @example
 * // http(rpcUrl, { retryCount: 5, retryDelay: 2_000 })  -> reported at `retryDelay`
 * // http(rpcUrl, { retryCount: 0, retryDelay: 500 })    -> undefined (no retries)
 */
export function viemRetrySite(ctx: ModuleContext, call: Node): RetrySite | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp?.source !== 'viem' || !TRANSPORTS.has(imp.imported ?? '')) return undefined;
  const args = call.arguments as Node[];
  const opts = objectProps(ctx.valueOf(args[args.length - 1]));
  const delay = opts?.props.get('retryDelay');
  if (delay === undefined) return undefined;
  if (/random|jitter/i.test(ctx.source.slice(delay.start, delay.end))) return undefined;
  const count = opts?.props.get('retryCount');
  if (count !== undefined && numberValue(ctx.valueOf(count) ?? count) === 0) return undefined;
  if (count === undefined && imp.imported !== 'fallback' && onlyInFallback(ctx, call)) return undefined;
  return {
    node: call,
    label: `viem ${imp.imported}()`,
    noJitterAt: delay,
    // Whether a client's own retries want a breaker is not judged here, as for got and ky.
    noBreaker: true,
    noJitter: `viem ${imp.imported}() retries with retryDelay doubled each attempt and no random part: instances that failed together against the RPC endpoint retry in lockstep`,
  };
}

/** A viem `fallback(...)` call. */
function isViemFallback(ctx: ModuleContext, node: Node | undefined): boolean {
  const callee = node?.type === 'CallExpression' ? unwrap(node.callee) : undefined;
  if (callee?.type !== 'Identifier') return false;
  const imp = ctx.importOf(callee.name as string, callee);
  return imp?.source === 'viem' && imp.imported === 'fallback';
}

/** `node` is an element of the transports array handed to viem's `fallback([...])`. */
function inFallbackList(ctx: ModuleContext, node: Node): boolean {
  let at = node;
  let list = ctx.parentOf(at);
  while (list?.type === 'ParenthesizedExpression' || list?.type === 'TSAsExpression') {
    at = list;
    list = ctx.parentOf(at);
  }
  if (list?.type !== 'ArrayExpression') return false;
  const call = ctx.parentOf(list);
  return call !== undefined && isViemFallback(ctx, call) && (call.arguments as Node[])[0] === list;
}

/**
 * The transport `call` builds is used only inside viem `fallback([...])` lists, directly or through a
 * `const` no other code reads.
 * @example
 * // const primary = http(url, { retryDelay: 500 }); fallback([primary, secondary]) -> true
 */
function onlyInFallback(ctx: ModuleContext, call: Node): boolean {
  if (inFallbackList(ctx, call)) return true;
  let at = call;
  let decl = ctx.parentOf(at);
  while (decl?.type === 'ParenthesizedExpression' || decl?.type === 'TSAsExpression') {
    at = decl;
    decl = ctx.parentOf(at);
  }
  if (decl?.type !== 'VariableDeclarator' || decl.id?.type !== 'Identifier' || decl.init !== at) return false;
  const name = decl.id.name as string;
  const binding = ctx.resolve(name, decl.id as Node);
  if (binding?.declaration !== decl || ctx.parentOf(decl)?.type !== 'VariableDeclaration') return false;
  // An exported binding is read out of view.
  if (ctx.parentOf(ctx.parentOf(decl) as Node)?.type === 'ExportNamedDeclaration' || ctx.exports.has(name))
    return false;
  let uses = 0;
  let elsewhere = false;
  forEachDescendant(ctx.program, (n) => {
    if (elsewhere || n.type !== 'Identifier' || n.name !== name || n === decl.id) return undefined;
    // A property key or member name is not a read of the binding.
    if (isKeyName(ctx, n)) return undefined;
    if (ctx.resolve(name, n) !== binding) return undefined;
    uses++;
    if (!inFallbackList(ctx, n)) elsewhere = true;
    return undefined;
  });
  return uses > 0 && !elsewhere;
}
