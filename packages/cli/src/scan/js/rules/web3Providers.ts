// http-no-timeout for web3.js HTTP providers built without a timeout. web3 1.x's HttpProvider reads
// `options.timeout` and defaults it to 0 (`this.timeout = options.timeout || 0`: no timeout), so every
// JSON-RPC call (getBlock, receipts, balances) waits as long as the node takes. web3 4.x takes
// `{ providerOptions }` (a fetch RequestInit) and sets no signal by default. Reported where the provider is
// built: `new Web3.providers.HttpProvider(url)` of the `web3` package, or `new HttpProvider(url)` imported
// from `web3` or `web3-providers-http`, whose options are absent or seen in full with neither a non-zero
// `timeout` (1.x) nor `providerOptions` carrying a `signal` (4.x).
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import type { Report } from './Report.js';

const WEB3_PACKAGES = new Set(['web3', 'web3-providers-http']);

/** Does the module build a web3 HTTP provider? (a text test before any walk) */
export function mentionsWeb3Provider(source: string): boolean {
  return source.includes('HttpProvider') && source.includes('web3');
}

/** `new Web3.providers.HttpProvider(...)` or `new HttpProvider(...)` of a web3 package. */
function isWeb3HttpProvider(ctx: ModuleContext, node: Node): boolean {
  const callee = unwrap(node.callee as Node);
  const path = memberPath(callee);
  if (path?.at(-1) !== 'HttpProvider') return false;
  const imp = ctx.importRoot(callee);
  return imp !== undefined && WEB3_PACKAGES.has(imp.source);
}

/**
 * Options absent, or an object seen in full with no `timeout` other than a literal 0 (1.x's "none") and no
 * `providerOptions` that holds a `signal` or cannot be read (a RequestInit without one bounds nothing).
 */
function untimed(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return true;
  const props = objectProps(unwrap(ctx.valueOf(arg)));
  if (props === undefined || props.spread) return false;
  const timeout = props.props.get('timeout');
  const ms = timeout === undefined ? undefined : unwrap(ctx.valueOf(timeout));
  if (timeout !== undefined && !(ms?.type === 'Literal' && ms.value === 0)) return false;
  const init = props.props.get('providerOptions');
  if (init === undefined) return true;
  const initProps = objectProps(unwrap(ctx.valueOf(init)));
  return initProps !== undefined && !initProps.spread && !initProps.props.has('signal');
}

/**
 * Reports each web3 HTTP provider the module builds without a timeout.
 *
 * @example
 * web3Providers(ctx, report); // new Web3.providers.HttpProvider(endpoint) -> http-no-timeout
 */
export function web3Providers(ctx: ModuleContext, report: Report): void {
  if (!mentionsWeb3Provider(ctx.source)) return;
  for (const node of ctx.of('NewExpression')) {
    if (!isWeb3HttpProvider(ctx, node)) continue;
    if (!untimed(ctx, (node.arguments as Node[])[1])) continue;
    if (coverAt(ctx, node).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      node,
      'web3 HttpProvider built without a timeout: web3 sets none by default, so a stalled JSON-RPC node holds every call; pass { timeout } (1.x) or providerOptions with a signal (4.x)',
    );
  }
}
